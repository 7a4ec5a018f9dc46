package io.liandong.interop.internal;

import io.liandong.shared.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code dead_letter} table: every message this node could not handle and sent to the
 * dead-letter topic, for an operator to see ({@code GET /api/interop/dead-letters}) and counted
 * in {@code liandong.interop.dead.letters}.
 */
@Repository
class DeadLetters {

    static final int MAX_PAYLOAD = 100_000;
    static final int MAX_ERROR = 2_000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final Clock clock;
    private final Counter counted;

    DeadLetters(JdbcClient jdbc, NodeIdentity node, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.node = node;
        this.clock = clock;
        this.counted = Counter.builder("liandong.interop.dead.letters")
                .description("Messages this node could not handle and sent to the dead-letter topic")
                .register(meters);
    }

    /** One dead letter as listed to the operator. */
    record DeadLetter(
            long id,
            String node,
            String topic,
            int partition,
            long offset,
            @Nullable String key,
            @Nullable String payload,
            String error,
            String deadLetterTopic,
            Instant failedAt) {}

    void record(ConsumerRecord<?, ?> record, Exception failure, String deadLetterTopic) {
        String error = describe(failure);
        log.error(
                "Message {}-{}@{} (key {}) could not be handled and went to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                deadLetterTopic,
                error,
                failure);
        jdbc.sql(
                        """
                        INSERT INTO dead_letter (node_id, topic, partition_no, offset_no, message_key, payload,
                          error, dead_letter_topic, failed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        node.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key() == null ? null : truncate(String.valueOf(record.key()), 1000),
                        payload(record.value()),
                        error,
                        deadLetterTopic,
                        Timestamp.from(clock.instant()))
                .update();
        counted.increment();
    }

    List<DeadLetter> newest(int limit) {
        return jdbc.sql("SELECT * FROM dead_letter ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new DeadLetter(
                        rs.getLong("id"),
                        rs.getString("node_id"),
                        rs.getString("topic"),
                        rs.getInt("partition_no"),
                        rs.getLong("offset_no"),
                        rs.getString("message_key"),
                        rs.getString("payload"),
                        rs.getString("error"),
                        rs.getString("dead_letter_topic"),
                        rs.getTimestamp("failed_at").toInstant()))
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter").query(Long.class).single();
    }

    /** The innermost cause, which says what was wrong with the message; the wrappers add nothing. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof UnreadableMessageException) {
                break;
            }
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String kind = cause instanceof UnreadableMessageException
                ? "unreadable"
                : cause.getClass().getSimpleName();
        return truncate(kind + ": " + message, MAX_ERROR);
    }

    private static @Nullable String payload(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return truncate(text, MAX_PAYLOAD);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
