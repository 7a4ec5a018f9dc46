package io.liandong.dispatch.internal;

import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Per-agency counts and nearest-rank percentiles of response times. */
final class TaskStatisticsCalculator {

    private TaskStatisticsCalculator() {}

    static TaskStatistics of(List<Task> tasks, Instant now) {
        Map<String, List<Task>> byAgency = new TreeMap<>();
        for (Task task : tasks) {
            byAgency.computeIfAbsent(task.agency(), a -> new ArrayList<>()).add(task);
        }
        Map<String, Long> counts = new TreeMap<>();
        List<TaskStatistics.AgencyTimes> times = new ArrayList<>();
        long overdue = 0;
        for (var entry : byAgency.entrySet()) {
            List<Task> own = entry.getValue();
            long late = own.stream().filter(t -> t.overdueAt(now)).count();
            long onTime = own.stream()
                    .filter(t -> t.completedAt() != null && !t.overdueAt(now))
                    .count();
            overdue += late;
            counts.put(entry.getKey(), (long) own.size());
            times.add(new TaskStatistics.AgencyTimes(
                    entry.getKey(),
                    own.size(),
                    late,
                    onTime,
                    percentile(own, Task::acknowledgedAt, 50),
                    percentile(own, Task::acknowledgedAt, 90),
                    percentile(own, Task::arrivedAt, 50),
                    percentile(own, Task::arrivedAt, 90),
                    percentile(own, Task::completedAt, 50),
                    percentile(own, Task::completedAt, 90)));
        }
        return new TaskStatistics(tasks.size(), overdue, counts, times);
    }

    /** Nearest-rank percentile of seconds from issue to the step, over tasks that took it. */
    static @Nullable Long percentile(List<Task> tasks, Function<Task, @Nullable Instant> step, int p) {
        long[] seconds = tasks.stream()
                .filter(t -> step.apply(t) != null)
                .mapToLong(t -> Duration.between(t.issuedAt(), step.apply(t)).toSeconds())
                .sorted()
                .toArray();
        if (seconds.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * seconds.length);
        return seconds[Math.max(0, rank - 1)];
    }
}
