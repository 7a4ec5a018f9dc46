package io.liandong.interop.internal;

import io.liandong.interop.RecordMessage;
import io.liandong.record.RecordCommitted;
import io.liandong.record.RecordEntry;
import io.liandong.shared.NodeIdentity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the record entries of each committed transaction to the record topic: one message per
 * entry, in the order they were appended, keyed by incident id, the value {@link RecordMessage} as
 * JSON, the writer's node id also in the header {@value #ORIGIN_HEADER}. It listens to
 * {@link RecordCommitted} after the commit, so Spring Modulith's registry stores one outbox
 * publication per transaction (inside it) for this listener. The sends run on
 * Spring's async pool and the Kafka producer batches them; the returned future completes once the
 * broker has acknowledged every entry, and only then is the publication completed. When any send
 * fails, the publication stays and all its entries are sent again later ({@link OutboxSweeper}, or
 * a restart); consumers drop the entries they already had.
 */
class RecordProducer {

    /**
     * The listener id stored with each publication in {@code event_publication}: fixed, so that
     * renaming this class or method strands no publication.
     */
    static final String LISTENER_ID = "liandong.record.kafka";

    /**
     * The Kafka header holding {@code originNode} as UTF-8 bytes, so that a node can skip its own
     * messages without reading their JSON.
     */
    static final String ORIGIN_HEADER = "liandong-origin-node";

    private static final Logger log = LoggerFactory.getLogger(RecordProducer.class);

    private final KafkaOperations<Object, Object> kafka;
    private final String topic;
    private final @Nullable String center;
    private final NodeIdentity node;

    RecordProducer(KafkaOperations<Object, Object> kafka, String topic, @Nullable String center, NodeIdentity node) {
        this.kafka = kafka;
        this.topic = topic;
        this.center = center;
        this.node = node;
    }

    @Async
    @TransactionalEventListener(id = LISTENER_ID)
    public CompletableFuture<Void> send(RecordCommitted committed) {
        List<RecordEntry> entries = committed.entries();
        // The writer's id, not this node's: after a node died, another node's sweeper sends its rows.
        String origin = committed.writtenBy() != null ? committed.writtenBy() : node.value();
        CompletableFuture<?>[] sends =
                entries.stream().map(entry -> send(entry, origin)).toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(sends).whenComplete((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.warn(
                        "Entries {} of incidents {} were not all acknowledged by {}; the outbox keeps them and"
                                + " sends them all again: {}",
                        ids(entries),
                        incidents(entries),
                        topic,
                        cause.toString());
            } else {
                log.debug("Entries {} of incidents {} sent to {}", ids(entries), incidents(entries), topic);
            }
        });
    }

    private static List<Long> ids(List<RecordEntry> entries) {
        return entries.stream().map(RecordEntry::id).toList();
    }

    private static List<Long> incidents(List<RecordEntry> entries) {
        return entries.stream().map(RecordEntry::incidentId).distinct().toList();
    }

    /**
     * Sent as Spring Modulith's Kafka externalizer sent it: same converter, headers, key and topic.
     * A send refused at once (the producer closed, a value it cannot serialize) fails like one the
     * broker refused; the other entries are still sent.
     */
    private CompletableFuture<?> send(RecordEntry entry, String origin) {
        Message<RecordMessage> message = MessageBuilder.withPayload(RecordMessage.of(entry, center, origin))
                .setHeader(KafkaHeaders.TOPIC, topic)
                .setHeader(KafkaHeaders.KEY, String.valueOf(entry.incidentId()))
                .setHeader(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8))
                .build();
        try {
            return kafka.send(message);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
