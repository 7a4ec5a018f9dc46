package io.liandong.record;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a module asks the record to append. */
public record NewEntry(
        long incidentId,
        Instant occurredAt,
        String actor,
        @Nullable String seat,
        String type,
        @Nullable Long taskId,
        @Nullable String agency,
        @Nullable String reason,
        @Nullable String detail) {

    public static NewEntry of(long incidentId, Instant at, String actor, @Nullable String seat, String type) {
        return new NewEntry(incidentId, at, actor, seat, type, null, null, null, null);
    }

    public NewEntry task(long taskId, String agencyCode) {
        return new NewEntry(incidentId, occurredAt, actor, seat, type, taskId, agencyCode, reason, detail);
    }

    public NewEntry because(@Nullable String why) {
        return new NewEntry(incidentId, occurredAt, actor, seat, type, taskId, agency, why, detail);
    }

    public NewEntry detail(@Nullable String what) {
        return new NewEntry(incidentId, occurredAt, actor, seat, type, taskId, agency, reason, what);
    }
}
