package io.liandong.record;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of an incident's record, as stored. */
public record RecordEntry(
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
        @Nullable String detail) {}
