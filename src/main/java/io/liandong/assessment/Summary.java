package io.liandong.assessment;

import io.liandong.dispatch.TaskStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The statistics summary of a period. */
public record Summary(
        Instant from,
        Instant to,
        long reports,
        long incidents,
        long diverted,
        long merged,
        long linkageActivations,
        long tasks,
        long overdueTasks,
        Map<String, Long> byChannel,
        Map<String, Long> byCategory,
        Map<String, Long> bySeverity,
        Map<String, Long> byDistrict,
        Map<String, Long> byAgency,
        List<TaskStatistics.AgencyTimes> responseTimes) {}
