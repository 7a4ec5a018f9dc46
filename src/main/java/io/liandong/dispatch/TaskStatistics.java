package io.liandong.dispatch;

import java.util.List;
import java.util.Map;

/** Task counts and per-agency response times for a period, drills excluded. */
public record TaskStatistics(
        long tasks, long overdueTasks, Map<String, Long> byAgency, List<AgencyTimes> responseTimes) {

    /** Percentiles of issue→acknowledge, issue→arrive and issue→complete in seconds (null when none). */
    public record AgencyTimes(
            String agency,
            long tasks,
            long overdue,
            long onTime,
            Long acknowledgeP50S,
            Long acknowledgeP90S,
            Long arriveP50S,
            Long arriveP90S,
            Long completeP50S,
            Long completeP90S) {}
}
