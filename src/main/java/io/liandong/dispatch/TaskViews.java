package io.liandong.dispatch;

import io.liandong.agency.AgencyService;
import io.liandong.dispatch.internal.AttachmentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The JSON shape of a task, with the agency's name, whether it is overdue now and how many photos it has. */
@Component
public class TaskViews {

    private final AgencyService agencies;
    private final AttachmentStore attachments;
    private final Clock clock;

    TaskViews(AgencyService agencies, AttachmentStore attachments, Clock clock) {
        this.agencies = agencies;
        this.attachments = attachments;
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
            int attachmentCount,
            @Nullable Instant nextDue,
            boolean overdue,
            int reminders,
            boolean escalated,
            int version) {}

    public TaskView of(Task t) {
        return of(t, attachments.count(t.id()));
    }

    public List<TaskView> of(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> photos =
                attachments.counts(tasks.stream().map(Task::id).toList());
        return tasks.stream().map(t -> of(t, photos.getOrDefault(t.id(), 0))).toList();
    }

    private TaskView of(Task t, int attachmentCount) {
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
                attachmentCount,
                t.nextDue(),
                t.nextDue() != null && now.isAfter(t.nextDue()),
                t.reminders(),
                t.escalatedAt() != null,
                t.version());
    }
}
