package io.liandong.dispatch;

import io.liandong.shared.Priority;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An order to issue one task: which incident, which agency, what to do, how urgent, when, and
 * optional plan deadlines that replace the priority's defaults.
 */
public record TaskOrder(
        long incidentId,
        String agency,
        String instructions,
        Priority priority,
        Instant issuedAt,
        @Nullable String planCode,
        boolean diverted,
        boolean drill,
        @Nullable Long reportId,
        @Nullable Duration acknowledgeWithin,
        @Nullable Duration arriveWithin,
        @Nullable Duration completeWithin) {

    /** The longest instructions a task keeps; a report's text, which becomes them, may be longer. */
    public static final int MAX_INSTRUCTIONS = 2000;

    /** Instructions longer than {@link #MAX_INSTRUCTIONS} are cut, ending in "…". */
    public TaskOrder {
        if (instructions.length() > MAX_INSTRUCTIONS) {
            int cut = MAX_INSTRUCTIONS - 1;
            if (Character.isHighSurrogate(instructions.charAt(cut - 1))) {
                cut--;
            }
            instructions = instructions.substring(0, cut) + "…";
        }
    }

    public static TaskOrder of(long incidentId, String agency, String instructions, Priority priority, Instant at) {
        return new TaskOrder(
                incidentId, agency, instructions, priority, at, null, false, false, null, null, null, null);
    }

    public TaskOrder fromPlan(
            String plan, @Nullable Duration acknowledge, @Nullable Duration arrive, @Nullable Duration complete) {
        return new TaskOrder(
                incidentId,
                agency,
                instructions,
                priority,
                issuedAt,
                plan,
                diverted,
                drill,
                reportId,
                acknowledge,
                arrive,
                complete);
    }

    public TaskOrder asDiversion(long report) {
        return new TaskOrder(
                incidentId,
                agency,
                instructions,
                priority,
                issuedAt,
                planCode,
                true,
                drill,
                report,
                acknowledgeWithin,
                arriveWithin,
                completeWithin);
    }

    public TaskOrder drill(boolean isDrill) {
        return new TaskOrder(
                incidentId,
                agency,
                instructions,
                priority,
                issuedAt,
                planCode,
                diverted,
                isDrill,
                reportId,
                acknowledgeWithin,
                arriveWithin,
                completeWithin);
    }
}
