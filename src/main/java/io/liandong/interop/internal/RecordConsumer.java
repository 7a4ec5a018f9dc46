package io.liandong.interop.internal;

import io.liandong.interop.RecordMessage;
import io.liandong.interop.RemoteRecordReceived;
import io.liandong.shared.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code liandong.record} in a consumer group of this node's own ({@code liandong-<node id>}),
 * so every node sees every message. Its own messages are skipped (by their origin header, unread,
 * or by their {@code originNode}), an entry already delivered is
 * dropped, anything else is published here as {@link RemoteRecordReceived}. A message that is not
 * a record entry, or whose delivery keeps failing, ends in the dead-letter topic (see
 * {@link KafkaBridgeConfiguration}).
 */
public class RecordConsumer {

    private static final Logger log = LoggerFactory.getLogger(RecordConsumer.class);

    private final NodeIdentity node;
    private final KafkaBridgeProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final SeenEntries seen;
    private final Counter delivered;
    private final Counter own;
    private final Counter duplicates;
    private final Timer lag;
    private final Clock clock;
    private final byte[] nodeBytes;

    RecordConsumer(
            NodeIdentity node,
            KafkaBridgeProperties properties,
            JsonMapper json,
            ApplicationEventPublisher events,
            MeterRegistry meters,
            Clock clock) {
        this.node = node;
        this.nodeBytes = node.value().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.properties = properties;
        this.json = json;
        this.events = events;
        this.seen = new SeenEntries(properties.seenCapacity());
        this.delivered = received(meters, "delivered");
        this.own = received(meters, "own");
        this.duplicates = received(meters, "duplicate");
        this.lag = Timer.builder("liandong.interop.records.lag")
                .description("From an entry's recordedAt on the node that wrote it to its delivery to this node's"
                        + " consoles")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(meters);
    }

    public String groupId() {
        return "liandong-" + node.value();
    }

    public String topic() {
        return properties.topic();
    }

    @KafkaListener(
            id = KafkaBridgeConfiguration.LISTENER_ID,
            idIsGroup = false,
            groupId = "#{__listener.groupId()}",
            topics = "#{__listener.topic()}",
            containerFactory = "recordListenerContainerFactory")
    public void on(ConsumerRecord<String, byte[]> record) {
        if (writtenHere(record)) {
            own.increment();
            return;
        }
        RecordMessage message = read(record);
        if (node.value().equals(message.originNode())) {
            own.increment();
            return;
        }
        if (!seen.firstTime(message.id())) {
            duplicates.increment();
            log.debug("Dropped entry {} from node {}: already delivered", message.id(), message.originNode());
            return;
        }
        try {
            events.publishEvent(new RemoteRecordReceived(message.entry(), message.originNode()));
        } catch (RuntimeException failed) {
            seen.forget(message.id());
            throw failed;
        }
        delivered.increment();
        Duration behind = Duration.between(message.recordedAt(), clock.instant());
        lag.record(behind.isNegative() ? Duration.ZERO : behind);
    }

    /** Whether the message's origin header names this node: its own entry, skipped unread. */
    private boolean writtenHere(ConsumerRecord<String, byte[]> record) {
        Header origin = record.headers().lastHeader(RecordProducer.ORIGIN_HEADER);
        return origin != null && Arrays.equals(origin.value(), nodeBytes);
    }

    private RecordMessage read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new UnreadableMessageException("message at " + position(record) + " has no value");
        }
        RecordMessage message;
        try {
            message = json.readValue(record.value(), RecordMessage.class);
        } catch (JacksonException e) {
            throw new UnreadableMessageException(
                    "message at " + position(record) + " is not a record entry: " + e.getOriginalMessage(), e);
        }
        String missing = missingField(message);
        if (missing != null) {
            throw new UnreadableMessageException(
                    "message at " + position(record) + " is not a record entry: " + missing + " is missing");
        }
        return message;
    }

    private static String missingField(RecordMessage m) {
        if (m.id() <= 0) {
            return "id";
        }
        if (m.incidentId() <= 0) {
            return "incidentId";
        }
        if (m.type() == null || m.type().isBlank()) {
            return "type";
        }
        if (m.originNode() == null || m.originNode().isBlank()) {
            return "originNode";
        }
        if (m.occurredAt() == null || m.recordedAt() == null) {
            return "occurredAt/recordedAt";
        }
        return m.actor() == null ? "actor" : null;
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Counter received(MeterRegistry meters, String outcome) {
        return Counter.builder("liandong.interop.records.received")
                .description("Record entries read from the record topic, by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }
}
