package io.liandong.incident.internal;

import io.liandong.agency.Zone;
import io.liandong.catalog.CatalogService;
import io.liandong.dispatch.DispatchService;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskViews;
import io.liandong.incident.Incident;
import io.liandong.incident.IncidentKind;
import io.liandong.incident.IncidentService;
import io.liandong.incident.IncidentStatus;
import io.liandong.record.RecordEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.time.CenterZone;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents, their record, and the duty commander's orders: {@code /api/incidents}. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final IncidentService incidents;
    private final DispatchService dispatch;
    private final RecordService record;
    private final CatalogService catalog;
    private final TaskViews taskViews;
    private final CurrentActor actor;
    private final Clock clock;
    private final CenterZone centerZone;

    IncidentController(
            IncidentService incidents,
            DispatchService dispatch,
            RecordService record,
            CatalogService catalog,
            TaskViews taskViews,
            CurrentActor actor,
            Clock clock,
            CenterZone centerZone) {
        this.incidents = incidents;
        this.dispatch = dispatch;
        this.record = record;
        this.catalog = catalog;
        this.taskViews = taskViews;
        this.actor = actor;
        this.clock = clock;
        this.centerZone = centerZone;
    }

    /**
     * An incident as listed, with its task counts. {@code zone} and {@code platform} follow from
     * its category as the catalog has it now (null when no zone handles the category).
     */
    record IncidentView(
            long id,
            String kind,
            String category,
            String categoryName,
            String categoryNameEn,
            String priority,
            String severity,
            String status,
            String title,
            @Nullable String address,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable String districtCode,
            @Nullable String zone,
            @Nullable String platform,
            Instant openedAt,
            Instant lastReportAt,
            @Nullable Instant closedAt,
            int reportCount,
            @Nullable String planCode,
            String inCommand,
            boolean drill,
            int version,
            long openTasks,
            long overdueTasks,
            List<String> agencies) {}

    /** An incident with its tasks. */
    record IncidentDetail(IncidentView incident, List<TaskViews.TaskView> tasks) {}

    @GetMapping
    List<IncidentView> list(
            @RequestParam(required = false) IncidentStatus status,
            @RequestParam(required = false) IncidentKind kind,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String platform,
            @RequestParam(required = false) String district,
            @RequestParam(required = false) Priority priority,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "200") int limit) {
        requireHall();
        var query = new IncidentService.IncidentQuery(
                status,
                kind,
                category,
                severity,
                agency,
                zone,
                platform,
                district,
                priority,
                q,
                from,
                to,
                PageLimit.check(limit, 2000));
        List<Incident> found = incidents.search(query);
        Map<Long, List<Task>> tasks =
                dispatch.ofIncidents(found.stream().map(Incident::id).toList());
        return found.stream()
                .map(i -> view(i, tasks.getOrDefault(i.id(), List.of())))
                .toList();
    }

    /**
     * The board's counters for the same filters as the list (status, time range and limit aside),
     * over every matching incident however many; {@code since} defaults to the start of today in
     * the center's time zone.
     */
    @GetMapping("/counts")
    IncidentService.BoardCounts counts(
            @RequestParam(required = false) IncidentKind kind,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String platform,
            @RequestParam(required = false) String district,
            @RequestParam(required = false) Priority priority,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Instant since) {
        requireHall();
        Instant from = since != null
                ? since
                : LocalDate.ofInstant(clock.instant(), centerZone.zone())
                        .atStartOfDay(centerZone.zone())
                        .toInstant();
        var query = new IncidentService.IncidentQuery(
                null, kind, category, severity, agency, zone, platform, district, priority, q, null, null, 1);
        return incidents.count(query, from);
    }

    @GetMapping("/nearby")
    List<IncidentView> nearby(
            @RequestParam(required = false) String category,
            @RequestParam @DecimalMin("-90") @DecimalMax("90") double lat,
            @RequestParam @DecimalMin("-180") @DecimalMax("180") double lon) {
        requireHall();
        GeoPoint point;
        try {
            point = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("lat/lon", e.getMessage(), lat + "," + lon);
        }
        return incidents.nearby(category, point, incidents.mergeDistanceMeters() * 4).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/{id}")
    IncidentDetail one(@PathVariable long id) {
        Incident incident = visible(id);
        List<Task> tasks = dispatch.ofIncident(id);
        Actor who = actor.get();
        if (who.isAgencyUser()) {
            tasks = tasks.stream()
                    .filter(t -> t.agency().equals(who.agencyCode()))
                    .toList();
        }
        return new IncidentDetail(view(incident, tasks), taskViews.of(tasks));
    }

    @GetMapping("/{id}/record")
    List<RecordEntry> record(@PathVariable long id) {
        visible(id);
        List<RecordEntry> entries = record.of(id);
        Actor who = actor.get();
        if (who.isAgencyUser()) {
            return entries.stream()
                    .filter(e -> who.agencyCode().equals(e.agency()) || e.agency() == null && isPublicEntry(e))
                    .toList();
        }
        return entries;
    }

    // ---- orders ------------------------------------------------------------------------

    record DispatchOrder(
            @NotNull @PositiveOrZero Integer version,
            @NotBlank @Size(max = 40) String agency,
            @NotBlank @Size(max = 2000) String instructions,
            @Nullable Priority priority,
            @Nullable Instant at) {}

    record PlanOrder(@NotNull @PositiveOrZero Integer version, @Nullable @Size(max = 40) String plan) {}

    record NoteOrder(@NotNull @PositiveOrZero Integer version, @NotBlank @Size(max = 4000) String text) {}

    record SeverityOrder(
            @NotNull @PositiveOrZero Integer version,
            @NotNull Severity severity,
            @NotBlank @Size(max = 1000) String reason) {}

    record PriorityOrder(
            @NotNull @PositiveOrZero Integer version,
            @NotNull Priority priority,
            @NotBlank @Size(max = 1000) String reason) {}

    record ReasonOrder(
            @NotNull @PositiveOrZero Integer version,
            @NotBlank @Size(max = 1000) String reason,
            @Nullable Instant at) {}

    @PostMapping("/{id}/orders/dispatch")
    TaskViews.TaskView dispatchAgency(@PathVariable long id, @Valid @RequestBody DispatchOrder o) {
        Task task = incidents.dispatchAgency(
                id, o.version(), o.agency(), o.instructions(), o.priority(), o.at(), actor.get());
        return taskViews.of(task);
    }

    @PostMapping("/{id}/orders/activate-plan")
    List<TaskViews.TaskView> activatePlan(@PathVariable long id, @Valid @RequestBody PlanOrder o) {
        return taskViews.of(incidents.activatePlan(id, o.version(), o.plan(), actor.get()));
    }

    @PostMapping("/{id}/orders/note")
    IncidentView note(@PathVariable long id, @Valid @RequestBody NoteOrder o) {
        return view(incidents.addNote(id, o.version(), o.text(), actor.get()));
    }

    @PostMapping("/{id}/orders/severity")
    IncidentView severity(@PathVariable long id, @Valid @RequestBody SeverityOrder o) {
        return view(incidents.changeSeverity(id, o.version(), o.severity(), o.reason(), actor.get()));
    }

    @PostMapping("/{id}/orders/priority")
    IncidentView priority(@PathVariable long id, @Valid @RequestBody PriorityOrder o) {
        return view(incidents.changePriority(id, o.version(), o.priority(), o.reason(), actor.get()));
    }

    @PostMapping("/{id}/orders/hand-over")
    IncidentView handOver(@PathVariable long id, @Valid @RequestBody ReasonOrder o) {
        return view(incidents.handOver(id, o.version(), o.reason(), actor.get()));
    }

    @PostMapping("/{id}/orders/close")
    IncidentView close(@PathVariable long id, @Valid @RequestBody ReasonOrder o) {
        return view(incidents.close(id, o.version(), o.reason(), o.at(), actor.get()));
    }

    @PostMapping("/{id}/orders/cancel")
    IncidentView cancel(@PathVariable long id, @Valid @RequestBody ReasonOrder o) {
        return view(incidents.cancel(id, o.version(), o.reason(), actor.get()));
    }

    @PostMapping("/{id}/orders/reopen")
    IncidentView reopen(@PathVariable long id, @Valid @RequestBody ReasonOrder o) {
        return view(incidents.reopen(id, o.version(), o.reason(), actor.get()));
    }

    // ---- helpers -----------------------------------------------------------------------

    private Incident visible(long id) {
        Incident incident = incidents.find(id);
        Actor who = actor.get();
        if (who.isAgencyUser()
                && dispatch.ofIncident(id).stream().noneMatch(t -> t.agency().equals(who.agencyCode()))) {
            throw Problem.notFound("incident", id);
        }
        return incident;
    }

    private void requireHall() {
        if (actor.get().isAgencyUser()) {
            throw Problem.forbidden("agency users see incidents through their tasks");
        }
    }

    private static boolean isPublicEntry(RecordEntry e) {
        return switch (e.type()) {
            case "INCIDENT_OPENED",
                    "INCIDENT_CLOSED",
                    "INCIDENT_CANCELLED",
                    "INCIDENT_REOPENED",
                    "SEVERITY_CHANGED",
                    "PLAN_ACTIVATED",
                    "NOTE_ADDED" -> true;
            default -> false;
        };
    }

    IncidentView view(Incident i) {
        return view(i, dispatch.ofIncident(i.id()));
    }

    /** The view counting only the given tasks (an agency user's view counts only its own). */
    IncidentView view(Incident i, List<Task> tasks) {
        Instant now = clock.instant();
        var category = catalog.find(i.categoryCode());
        var zone = incidents.zoneOf(i);
        Map<String, Long> byAgency = tasks.stream().collect(Collectors.groupingBy(Task::agency, Collectors.counting()));
        return new IncidentView(
                i.id(),
                i.kind().name(),
                i.categoryCode(),
                category.map(c -> c.nameZh()).orElse(i.categoryCode()),
                category.map(c -> c.nameEn()).orElse(i.categoryCode()),
                i.priority().name(),
                i.severity().name(),
                i.status().name(),
                i.title(),
                i.address(),
                i.lat(),
                i.lon(),
                i.districtCode(),
                zone.map(Zone::code).orElse(null),
                zone.map(Zone::platform).orElse(null),
                i.openedAt(),
                i.lastReportAt(),
                i.closedAt(),
                i.reportCount(),
                i.planCode(),
                i.inCommand(),
                i.drill(),
                i.version(),
                tasks.stream().filter(t -> t.status().isActive()).count(),
                tasks.stream()
                        .filter(t -> t.nextDue() != null && now.isAfter(t.nextDue()))
                        .count(),
                List.copyOf(byAgency.keySet()));
    }
}
