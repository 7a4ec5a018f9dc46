package io.liandong.interop.internal;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The last step for a message that cannot be handled: Spring Kafka's dead-letter publisher sends
 * it, unchanged and with the failure in its headers, to the dead-letter topic (and waits for the
 * broker to take it: if it cannot, the message is not committed and comes back), then it is
 * written to the {@code dead_letter} table and counted. Owns a producer of its own for raw
 * bytes, kept out of the context so that Spring Boot's template for the outbox stays in place.
 */
class DeadLetterPublisher implements ConsumerRecordRecoverer, DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final DeadLetterPublishingRecoverer publisher;
    private final DeadLetters deadLetters;
    private final String topic;

    DeadLetterPublisher(Map<String, Object> producerProperties, DeadLetters deadLetters, String topic) {
        this.producers = new DefaultKafkaProducerFactory<>(
                producerProperties, new StringSerializer(), new ByteArraySerializer());
        this.publisher = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(producers), (record, failure) -> new TopicPartition(topic, -1));
        this.deadLetters = deadLetters;
        this.topic = topic;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        publisher.accept(record, failure);
        deadLetters.record(record, failure, topic);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
