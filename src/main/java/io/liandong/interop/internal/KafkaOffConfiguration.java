package io.liandong.interop.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * With {@code liandong.kafka.enabled} off (the default) the outbox is not engaged at all:
 * {@code kafka-off.properties} excludes Spring Modulith's event publication registry, its
 * externalization and Spring Boot's Kafka auto-configuration, so domain events go through Spring's
 * plain multicaster exactly as without these libraries on the class path, and intake pays nothing
 * for them. It is the lowest-precedence source: a {@code spring.autoconfigure.exclude} set
 * elsewhere replaces it and must then name these classes too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "liandong.kafka.enabled", havingValue = "false", matchIfMissing = true)
@PropertySource("classpath:io/liandong/interop/kafka-off.properties")
class KafkaOffConfiguration {}
