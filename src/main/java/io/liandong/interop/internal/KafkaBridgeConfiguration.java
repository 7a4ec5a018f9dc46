package io.liandong.interop.internal;

import io.liandong.interop.RecordMessage;
import io.liandong.record.RecordAppended;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
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
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code liandong.kafka.enabled=true}: every {@link RecordAppended} is stored in the same
 * transaction as the entry (Spring Modulith's JDBC event publication registry) and, after the
 * commit, sent to {@code liandong.record} keyed by incident id; every node consumes that topic
 * in a consumer group of its own, and a message it cannot handle after {@code attempts} tries
 * goes to the dead-letter topic and the {@code dead_letter} table.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "liandong.kafka.enabled", havingValue = "true")
@PropertySource("classpath:io/liandong/interop/kafka-on.properties")
class KafkaBridgeConfiguration {

    static final String LISTENER_ID = "liandong-record-bridge";

    /**
     * Only record entries leave the node; the routing key keeps one incident in one partition.
     * Static and bound from the environment: Spring Modulith needs it while the context is still
     * being set up.
     */
    @Bean
    static EventExternalizationConfiguration recordExternalization(NodeIdentity node, Environment environment) {
        KafkaBridgeProperties properties =
                Binder.get(environment).bindOrCreate("liandong.kafka", KafkaBridgeProperties.class);
        String center = environment.getProperty("liandong.center.city-code");
        return EventExternalizationConfiguration.externalizing()
                .selectByType(RecordAppended.class)
                .mapping(RecordAppended.class, appended -> RecordMessage.of(appended.entry(), center, node.value()))
                .route(RecordAppended.class, appended -> RoutingTarget.forTarget(properties.topic())
                        .andKey(String.valueOf(appended.entry().incidentId())))
                .build();
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
            MeterRegistry meters) {
        return new RecordConsumer(node, properties, json, events, meters);
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
