package io.liandong.shared;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/** Binds every module's {@code @ConfigurationProperties} record under {@code io.liandong}. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("io.liandong")
public class PropertiesConfiguration {}
