package io.liandong.plan.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plan as the API shows it, in the words of the deployment files, with its version. */
record PlanView(
        String code,
        String nameZh,
        String nameEn,
        String category,
        String minSeverity,
        @JsonProperty("notify") List<String> recipients,
        List<Task> tasks,
        int version) {

    /** One task; deadlines as ISO-8601 durations. */
    record Task(
            int seq,
            String agency,
            String taskZh,
            String taskEn,
            @Nullable String acknowledge,
            @Nullable String arrive,
            @Nullable String complete) {

        static Task of(PlanTask task) {
            return new Task(
                    task.seq(),
                    task.agencyCode(),
                    task.taskZh(),
                    task.taskEn(),
                    text(task.acknowledgeWithin()),
                    text(task.arriveWithin()),
                    text(task.completeWithin()));
        }

        private static @Nullable String text(@Nullable Duration duration) {
            return duration == null ? null : duration.toString();
        }
    }

    static PlanView of(Versioned<Plan> row) {
        Plan plan = row.value();
        return new PlanView(
                plan.code(),
                plan.nameZh(),
                plan.nameEn(),
                plan.categoryCode(),
                plan.minSeverity().name(),
                plan.recipients(),
                plan.tasks().stream().map(Task::of).toList(),
                row.version());
    }
}
