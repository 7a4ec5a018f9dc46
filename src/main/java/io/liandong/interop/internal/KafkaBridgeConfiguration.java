package io.liandong.interop.internal;

import io.liandong.record.RecordCommitted;
import io.liandong.shared.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code liandong.kafka.enabled=true}: the record entries of each transaction are stored as one
 * {@link RecordCommitted} publication in the same transaction (Spring Modulith's JDBC event
 * publication registry) and, after the commit, sent to {@code liandong.record} one message per
 * entry, keyed by incident id ({@link RecordProducer}); every node consumes that topic
 * in a consumer group of its own, and a message it cannot handle after {@code attempts} tries
 * goes to the dead-letter topic and the {@code dead_letter} table.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "liandong.kafka.enabled", havingValue = "true")
@PropertySource("classpath:io/liandong/interop/kafka-on.properties")
class KafkaBridgeConfiguration {

    static final String LISTENER_ID = "liandong-record-bridge";

    /**
     * Sends each transaction's record entries, one message per entry; Spring Modulith's registry
     * stores one publication per transaction for it. Spring Modulith's own externalization (one
     * message per event) is off: {@code spring.modulith.events.externalization.enabled=false}.
     */
    @Bean
    RecordProducer recordProducer(
            KafkaOperations<Object, Object> kafka,
            KafkaBridgeProperties properties,
            NodeIdentity node,
            Environment environment) {
        return new RecordProducer(
                kafka, properties.topic(), environment.getProperty("liandong.center.city-code"), node);
    }

    /** Takes the outbox's bookkeeping off the commit path: see {@link BatchedCompletions}. */
    @Bean
    static BeanPostProcessor batchedOutboxCompletions(ObjectProvider<PlatformTransactionManager> transactions) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof EventPublicationRepository repository && !(bean instanceof BatchedCompletions)) {
                    return new BatchedCompletions(repository, new TransactionTemplate(transactions.getObject()));
                }
                return bean;
            }
        };
    }

    @Bean
    NewTopic recordTopic(KafkaBridgeProperties properties) {
        return new NewTopic(properties.topic(), properties.partitions(), properties.replicas());
    }

    @Bean
    NewTopic deadLetterTopic(KafkaBridgeProperties properties) {
        return new NewTopic(properties.deadLetterTopic(), properties.partitions(), properties.replicas());
    }

    /** Sends failed messages on unchanged: the key as text, the value as the bytes that arrived. */
    @Bean
    DeadLetterPublisher deadLetterPublisher(
            KafkaProperties kafka, DeadLetters deadLetters, KafkaBridgeProperties properties) {
        return new DeadLetterPublisher(kafka.buildProducerProperties(), deadLetters, properties.deadLetterTopic());
    }

    @Bean
    DefaultErrorHandler recordErrorHandler(DeadLetterPublisher deadLetterPublisher, KafkaBridgeProperties properties) {
        var handler = new DefaultErrorHandler(
                deadLetterPublisher, new FixedBackOff(properties.backoff().toMillis(), properties.attempts() - 1L));
        handler.addNotRetryableExceptions(UnreadableMessageException.class);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> recordListenerContainerFactory(
            KafkaProperties kafka, DefaultErrorHandler recordErrorHandler) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setCommonErrorHandler(recordErrorHandler);
        factory.setConcurrency(1);
        return factory;
    }

    @Bean
    RecordConsumer recordConsumer(
            NodeIdentity node,
            KafkaBridgeProperties properties,
            JsonMapper json,
            ApplicationEventPublisher events,
            MeterRegistry meters,
            Clock clock) {
        return new RecordConsumer(node, properties, json, events, meters, clock);
    }

    @Bean
    OutboxSweeper outboxSweeper(
            JdbcClient jdbc,
            ObjectProvider<FailedEventPublications> failed,
            KafkaBridgeProperties properties,
            MeterRegistry meters) {
        return new OutboxSweeper(jdbc, failed, properties, meters);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }
}
