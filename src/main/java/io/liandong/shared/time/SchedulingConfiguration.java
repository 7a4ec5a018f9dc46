package io.liandong.shared.time;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background jobs (the overdue watch); tests switch them off and drive them by hand. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "liandong.scheduling.enabled", havingValue = "true", matchIfMissing = true)
public class SchedulingConfiguration {}
