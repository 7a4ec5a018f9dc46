package io.liandong.dispatch;

import io.liandong.agency.AgencyService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The JSON shape of a task, with the agency's name and whether it is overdue now. */
@Component
public class TaskViews {

    private final AgencyService agencies;
    private final Clock clock;

    TaskViews(AgencyService agencies, Clock clock) {
        this.agencies = agencies;
        this.clock = clock;
    }

    /** A task as clients see it. */
    public record TaskView(
            long id,
            long incidentId,
            String agency,
            String agencyName,
            String agencyNameEn,
            String instructions,
            String priority,
            String status,
            @Nullable String planCode,
            boolean diverted,
            boolean drill,
            Instant issuedAt,
            Instant acknowledgeDue,
            Instant arriveDue,
            Instant completeDue,
            @Nullable Instant acknowledgedAt,
            @Nullable Instant arrivedAt,
            @Nullable Instant completedAt,
            @Nullable Instant returnedAt,
            @Nullable String returnReason,
            int feedbackCount,
            @Nullable Instant nextDue,
            boolean overdue,
            int reminders,
            boolean escalated,
            int version) {}

    public TaskView of(Task t) {
        Instant now = clock.instant();
        var agency = agencies.find(t.agency());
        return new TaskView(
                t.id(),
                t.incidentId(),
                t.agency(),
                agency.map(a -> a.nameZh()).orElse(t.agency()),
                agency.map(a -> a.nameEn()).orElse(t.agency()),
                t.instructions(),
                t.priority().name(),
                t.status().name(),
                t.planCode(),
                t.diverted(),
                t.drill(),
                t.issuedAt(),
                t.acknowledgeDue(),
                t.arriveDue(),
                t.completeDue(),
                t.acknowledgedAt(),
                t.arrivedAt(),
                t.completedAt(),
                t.returnedAt(),
                t.returnReason(),
                t.feedbackCount(),
                t.nextDue(),
                t.nextDue() != null && now.isAfter(t.nextDue()),
                t.reminders(),
                t.escalatedAt() != null,
                t.version());
    }

    public List<TaskView> of(List<Task> tasks) {
        return tasks.stream().map(this::of).toList();
    }
}
