package io.liandong.incident;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What became of a report: the incident it opened or joined, or the case it was diverted as. */
public record Admission(
        Outcome outcome, long incidentId, @Nullable String plan, List<Long> taskIds, boolean leaderNotified) {

    /** The three ways a report is admitted. */
    public enum Outcome {
        INCIDENT_OPENED,
        MERGED,
        DIVERTED
    }
}
