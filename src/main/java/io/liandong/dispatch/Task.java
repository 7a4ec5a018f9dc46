package io.liandong.dispatch;

import io.liandong.shared.Priority;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What one agency must do for one incident, with its deadlines and the times of its steps. */
public record Task(
        long id,
        long incidentId,
        String agency,
        String instructions,
        Priority priority,
        TaskStatus status,
        @Nullable String planCode,
        boolean diverted,
        boolean drill,
        Instant issuedAt,
        Instant acknowledgeDue,
        Instant arriveDue,
        Instant completeDue,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant arrivedAt,
        @Nullable Instant completedAt,
        @Nullable Instant returnedAt,
        @Nullable String returnReason,
        int feedbackCount,
        @Nullable String overdueStage,
        int reminders,
        @Nullable Instant lastRemindedAt,
        @Nullable Instant escalatedAt,
        @Nullable Long reportId,
        int version) {

    /** The deadline the task is working towards now, or null once it is final. */
    public @Nullable Instant nextDue() {
        return switch (status) {
            case ISSUED -> acknowledgeDue;
            case ACKNOWLEDGED -> arriveDue;
            case ARRIVED -> completeDue;
            default -> null;
        };
    }

    /** The stage whose deadline is {@link #nextDue()}. */
    public @Nullable String stage() {
        return switch (status) {
            case ISSUED -> "ACKNOWLEDGE";
            case ACKNOWLEDGED -> "ARRIVE";
            case ARRIVED -> "COMPLETE";
            default -> null;
        };
    }

    /** Whether any deadline was missed by the time of its step, or is missed now while open. */
    public boolean overdueAt(Instant now) {
        return late(acknowledgedAt, acknowledgeDue, now)
                || late(arrivedAt, arriveDue, now)
                || late(completedAt, completeDue, now);
    }

    private boolean late(@Nullable Instant done, Instant due, Instant now) {
        if (done != null) {
            return done.isAfter(due);
        }
        return status.isActive() && now.isAfter(due);
    }

    /** The same task under the id the database gave it. */
    public Task withId(long newId) {
        return new Task(
                newId,
                incidentId,
                agency,
                instructions,
                priority,
                status,
                planCode,
                diverted,
                drill,
                issuedAt,
                acknowledgeDue,
                arriveDue,
                completeDue,
                acknowledgedAt,
                arrivedAt,
                completedAt,
                returnedAt,
                returnReason,
                feedbackCount,
                overdueStage,
                reminders,
                lastRemindedAt,
                escalatedAt,
                reportId,
                version);
    }
}
