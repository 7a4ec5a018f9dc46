package io.liandong.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An in-process KRaft Kafka broker for the bridge's tests, and plain clients to read and write it. */
public final class Brokers {

    public static final String RECORD = "liandong.record";
    public static final String DEAD_LETTERS = "liandong.record.DLT";

    private static final Map<String, EmbeddedKafkaKraftBroker> STARTED = new ConcurrentHashMap<>();

    private Brokers() {}

    /** Starts one broker on a random loopback port with both topics, three partitions each. */
    public static EmbeddedKafkaKraftBroker start() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3, RECORD, DEAD_LETTERS);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        STARTED.put(broker.getBrokersAsString(), broker);
        return broker;
    }

    /** The broker {@link #start()} started at that address ({@code spring.kafka.bootstrap-servers}). */
    public static EmbeddedKafkaKraftBroker at(String address) {
        EmbeddedKafkaKraftBroker broker = STARTED.get(address);
        if (broker == null) {
            throw new IllegalArgumentException(
                    "no broker was started at " + address + "; started: " + STARTED.keySet());
        }
        return broker;
    }

    /** Sends raw bytes, as an outside system or a broken producer would. */
    public static void send(EmbeddedKafkaKraftBroker broker, String topic, String key, byte[] value) {
        send(broker, topic, key, value, Map.of());
    }

    /** Sends one message with the given headers (values as UTF-8) and waits for the broker's acknowledgement. */
    public static void send(
            EmbeddedKafkaKraftBroker broker, String topic, String key, byte[] value, Map<String, String> headers) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Reads a topic from the beginning until {@code enough} records arrived or the time is up. */
    public static List<ConsumerRecord<String, String>> read(
            EmbeddedKafkaKraftBroker broker, String topic, int enough, Duration within) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (records.size() < enough && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
