package io.liandong.interop;

import io.liandong.record.RecordEntry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The JSON value of a message on the {@code liandong.record} topic: one record entry as stored,
 * plus the center ({@code liandong.center.city-code}) and the node that wrote it. The message key
 * is the incident id. Documented for subscribers in {@code docs/events.md}; fields may be added,
 * never renamed or removed.
 */
public record RecordMessage(
        long id,
        long incidentId,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        @Nullable String seat,
        String type,
        @Nullable Long taskId,
        @Nullable String agency,
        @Nullable String reason,
        @Nullable String detail,
        @Nullable String center,
        String originNode) {

    public static RecordMessage of(RecordEntry entry, @Nullable String center, String originNode) {
        return new RecordMessage(
                entry.id(),
                entry.incidentId(),
                entry.occurredAt(),
                entry.recordedAt(),
                entry.actor(),
                entry.seat(),
                entry.type(),
                entry.taskId(),
                entry.agency(),
                entry.reason(),
                entry.detail(),
                center,
                originNode);
    }

    public RecordEntry entry() {
        return new RecordEntry(
                id, incidentId, occurredAt, recordedAt, actor, seat, type, taskId, agency, reason, detail);
    }
}
