package io.liandong.intake;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The answer to a report: what it became. The same answer is returned for an idempotent retry. */
public record IntakeResult(
        long reportId,
        String outcome,
        long incidentId,
        String category,
        String categoryName,
        @Nullable Suggested suggestion,
        String priority,
        String severity,
        @Nullable String plan,
        List<Long> taskIds,
        boolean leaderNotified) {

    /** The same answer for the stored report {@code id}. */
    public IntakeResult withReportId(long id) {
        return new IntakeResult(
                id,
                outcome,
                incidentId,
                category,
                categoryName,
                suggestion,
                priority,
                severity,
                plan,
                taskIds,
                leaderNotified);
    }

    /** The classifier's best guess, shown even when the call taker overrode it. */
    public record Suggested(String category, double confidence) {}
}
