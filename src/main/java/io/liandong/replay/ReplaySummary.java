package io.liandong.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a replay did, counted exactly. Rows: every data row read ends as accepted (its call's
 * report was taken), rejected (its own data was refused, by the mapping or by the center with
 * 400/422), failed (anything else: 5xx, 401/403, timeout, connection refused) or not sent (the
 * replay stopped early). Reports: one per call; {@code incidentsOpened + reportsMerged +
 * reportsDiverted + reportsAlreadyAccepted == reportsAccepted}. Steps: dispatch, acknowledge,
 * arrive and complete requests played from the log's unit times.
 */
public record ReplaySummary(
        String source,
        String target,
        long rowsRead,
        long calls,
        long rowsAccepted,
        long rowsRejected,
        long rowsFailed,
        long rowsNotSent,
        long reportsAccepted,
        long reportsAlreadyAccepted,
        long reportsRejected,
        long reportsFailed,
        long incidentsOpened,
        long reportsMerged,
        long reportsDiverted,
        long tasksDispatched,
        long tasksPlayed,
        long stepsPlayed,
        long stepsAlreadyPlayed,
        long stepsRejected,
        long stepsFailed,
        long unitsNotMapped,
        Map<String, Long> rejectionsByReason,
        Map<String, Long> stepRejectionsByReason,
        Map<String, Long> failuresByReason,
        Duration elapsed,
        @Nullable Path rejectsFile) {

    /** Exit status: all rows accepted or rejected for their own data. */
    public static final int OK = 0;
    /** Exit status: some row failed for another reason, or was not sent. */
    public static final int FAILED = 2;
    /** Exit status: bad command line or mapping file. */
    public static final int USAGE = 64;

    public ReplaySummary {
        rejectionsByReason = Map.copyOf(rejectionsByReason);
        stepRejectionsByReason = Map.copyOf(stepRejectionsByReason);
        failuresByReason = Map.copyOf(failuresByReason);
    }

    public double rowsPerSecond() {
        return perSecond(rowsAccepted + rowsRejected + rowsFailed);
    }

    public double reportsPerSecond() {
        return perSecond(reportsAccepted);
    }

    /** {@link #OK} when nothing failed; {@link #FAILED} when any row failed or was not sent. */
    public int exitCode() {
        return rowsFailed == 0 && rowsNotSent == 0 && stepsFailed == 0 ? OK : FAILED;
    }

    private double perSecond(long count) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
