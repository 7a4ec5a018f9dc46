package io.liandong.interop.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liandong.kafka.*}: the bridge between the nodes of a center. Off by default: a single
 * node needs no broker. The broker address and client settings are Spring Boot's own
 * {@code spring.kafka.*} properties.
 *
 * @param enabled whether record entries leave through the outbox to Kafka and are consumed from it
 * @param topic the topic record entries are published to, keyed by incident id
 * @param deadLetterTopic where a message that cannot be handled goes
 * @param partitions partitions of both topics when this node creates them
 * @param replicas replication factor of both topics when this node creates them (3 in production)
 * @param seenCapacity how many entry ids a node remembers to drop duplicate deliveries
 * @param attempts how often a failing message is tried before it is dead-lettered
 * @param backoff the pause between two attempts
 * @param outboxSweepInterval how often unfinished outbox publications are looked for and resent
 * @param outboxStaleAfter how long a publication may stay unfinished before another sweep resends it
 */
@ConfigurationProperties("liandong.kafka")
public record KafkaBridgeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("liandong.record") String topic,
        @DefaultValue("liandong.record.DLT") String deadLetterTopic,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("100000") int seenCapacity,
        @DefaultValue("3") int attempts,
        @DefaultValue("PT0.5S") Duration backoff,
        @DefaultValue("PT30S") Duration outboxSweepInterval,
        @DefaultValue("PT1M") Duration outboxStaleAfter) {

    public KafkaBridgeProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("liandong.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("liandong.kafka.replicas must be at least 1, was " + replicas);
        }
        if (seenCapacity < 1) {
            throw new IllegalArgumentException("liandong.kafka.seen-capacity must be at least 1, was " + seenCapacity);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("liandong.kafka.attempts must be at least 1, was " + attempts);
        }
        if (outboxSweepInterval.isNegative() || outboxSweepInterval.isZero()) {
            throw new IllegalArgumentException(
                    "liandong.kafka.outbox-sweep-interval must be positive, was " + outboxSweepInterval);
        }
    }
}
