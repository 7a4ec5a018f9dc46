package io.liandong.replay.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call of the log, ready to play: its rows, the report to file, and per agency the steps its
 * units went through. {@code rejection} is set when the call cannot be filed at all (then nothing
 * is sent); {@code rowRejections} holds rows refused for their own unit data while the call goes
 * ahead; {@code stepRejections} holds steps dropped because the log's times run backwards.
 */
public record PlannedCall(
        String callId,
        List<SourceRow> rows,
        Instant receivedAt,
        @Nullable Rejection rejection,
        @Nullable ObjectNode report,
        String idempotencyKey,
        List<AgencyPlay> plays,
        Map<SourceRow, Rejection> rowRejections,
        List<StepRejection> stepRejections,
        long unitsNotMapped) {

    public PlannedCall {
        rows = List.copyOf(rows);
        plays = List.copyOf(plays);
        rowRejections = Map.copyOf(rowRejections);
        stepRejections = List.copyOf(stepRejections);
    }

    /** The time of the call's last step, or its received time. */
    public Instant lastTime() {
        Instant last = receivedAt;
        for (AgencyPlay play : plays) {
            for (PlannedStep step : play.steps()) {
                if (step.at().isAfter(last)) {
                    last = step.at();
                }
            }
        }
        return last;
    }

    /**
     * One agency's part in a call. {@code agency} is an agency code or {@link Mapping#ISSUED};
     * {@code steps} are in task order with times that never run backwards.
     */
    public record AgencyPlay(String agency, String instructions, List<PlannedStep> steps, List<SourceRow> rows) {

        public AgencyPlay {
            steps = List.copyOf(steps);
            rows = List.copyOf(rows);
        }
    }

    /** A step at a time, with the row and column the time came from. */
    public record PlannedStep(StepKind kind, Instant at, SourceRow row, String column) {}

    /** A step left out, with the row that gave its time. */
    public record StepRejection(SourceRow row, Rejection rejection) {}
}
