package io.liandong.assessment;

import io.liandong.dispatch.DispatchService;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskStatistics;
import io.liandong.incident.Incident;
import io.liandong.incident.IncidentKind;
import io.liandong.incident.IncidentService;
import io.liandong.intake.IntakeService;
import io.liandong.intake.IntakeStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the summary from the intake, incident and dispatch modules' own statistics. */
@Service
public class StatisticsService {

    private final IntakeService intake;
    private final IncidentService incidents;
    private final DispatchService dispatch;

    StatisticsService(IntakeService intake, IncidentService incidents, DispatchService dispatch) {
        this.intake = intake;
        this.incidents = incidents;
        this.dispatch = dispatch;
    }

    @Transactional(readOnly = true)
    public Summary summary(Instant from, Instant to) {
        IntakeStatistics reports = intake.statistics(from, to);
        List<Incident> opened = incidents.openedBetween(from, to).stream()
                .filter(i -> i.kind() == IncidentKind.EMERGENCY)
                .toList();
        TaskStatistics tasks = dispatch.statistics(from, to);
        Map<Long, List<Task>> tasksOf =
                dispatch.ofIncidents(opened.stream().map(Incident::id).toList());
        long linkage = opened.stream()
                .filter(i -> isLinkage(tasksOf.getOrDefault(i.id(), List.of())))
                .count();
        return new Summary(
                from,
                to,
                reports.reports(),
                opened.size(),
                reports.diverted(),
                reports.merged(),
                linkage,
                tasks.tasks(),
                tasks.overdueTasks(),
                reports.byChannel(),
                count(opened, Incident::categoryCode),
                count(opened, i -> i.severity().name()),
                count(opened, i -> i.districtCode() == null ? "unknown" : i.districtCode()),
                tasks.byAgency(),
                tasks.responseTimes());
    }

    /** A linkage activation: one incident on which two or more agencies were tasked. */
    private static boolean isLinkage(List<Task> tasks) {
        return tasks.stream().map(Task::agency).distinct().count() >= 2;
    }

    private static Map<String, Long> count(
            List<Incident> incidents, java.util.function.Function<Incident, String> key) {
        return incidents.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
