package io.liandong.plan;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task of a plan: what one agency must do, and by when after the task is issued. A deadline
 * left out falls back to the dispatch default for the incident's priority.
 *
 * @param seq the task's place in the plan, from 1
 */
public record PlanTask(
        int seq,
        String agencyCode,
        String taskZh,
        String taskEn,
        @Nullable Duration acknowledgeWithin,
        @Nullable Duration arriveWithin,
        @Nullable Duration completeWithin) {

    public PlanTask {
        Objects.requireNonNull(agencyCode, "agencyCode");
        Objects.requireNonNull(taskZh, "taskZh");
        Objects.requireNonNull(taskEn, "taskEn");
    }
}
