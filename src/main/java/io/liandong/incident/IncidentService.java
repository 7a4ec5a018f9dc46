package io.liandong.incident;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyService;
import io.liandong.agency.Zone;
import io.liandong.catalog.CatalogService;
import io.liandong.catalog.Category;
import io.liandong.dispatch.ActiveTasks;
import io.liandong.dispatch.DispatchService;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskOrder;
import io.liandong.incident.internal.IncidentProperties;
import io.liandong.incident.internal.IncidentStore;
import io.liandong.incident.internal.MergeLock;
import io.liandong.notify.NotificationService;
import io.liandong.plan.Plan;
import io.liandong.plan.PlanService;
import io.liandong.plan.PlanTask;
import io.liandong.record.NewEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import io.liandong.shared.persistence.SqlCondition;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits reports as incidents (opening, merging or diverting them) and carries out the duty
 * commander's orders. Each change writes the incident row and its record entry in one
 * transaction; orders are conditional on the version the commander saw.
 */
@Service
public class IncidentService {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final IncidentStore store;
    private final CatalogService catalog;
    private final AgencyService agencies;
    private final PlanService plans;
    private final DispatchService dispatch;
    private final RecordService record;
    private final NotificationService notifications;
    private final IncidentProperties properties;
    private final MergeLock mergeLock;
    private final Clock clock;

    IncidentService(
            IncidentStore store,
            CatalogService catalog,
            AgencyService agencies,
            PlanService plans,
            DispatchService dispatch,
            RecordService record,
            NotificationService notifications,
            IncidentProperties properties,
            MergeLock mergeLock,
            Clock clock) {
        this.store = store;
        this.mergeLock = mergeLock;
        this.catalog = catalog;
        this.agencies = agencies;
        this.plans = plans;
        this.dispatch = dispatch;
        this.record = record;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- admission -------------------------------------------------------------------------

    /** Diverts, merges or opens, in the caller's transaction. */
    @Transactional
    public Admission admit(ReportFacts report, Actor actor) {
        Category category = catalog.find(report.categoryCode())
                .orElseThrow(() -> Problem.invalid("category", "unknown category", report.categoryCode()));
        if (report.mergeInto() != null) {
            return mergeChosen(report.mergeInto(), report, actor);
        }
        if (category.divert()) {
            return divert(report, category, actor);
        }
        // One merge decision at a time per category and place (until this transaction ends): a report
        // arriving at the same moment as another of the same event finds the other's incident.
        mergeLock.hold(claim(report));
        // A candidate closed since it was read takes no more reports: the report opens its own incident.
        Optional<Incident> joined = mergeTarget(report);
        if (joined.isPresent() && store.mergedIfOpen(joined.get().id(), report.receivedAt())) {
            return recordMerge(joined.get(), report, actor, "");
        }
        return open(report, category, actor);
    }

    /**
     * Takes, in the caller's transaction and before it writes anything, the merge locks that
     * {@link #admit} will need for these reports, in one fixed order: a batch of reports admitted in
     * one transaction then never waits for a lock while holding another that a second batch wants.
     */
    public void prepareToAdmit(Collection<ReportFacts> reports) {
        List<MergeLock.Claim> claims = new ArrayList<>();
        SortedSet<Long> chosen = new TreeSet<>();
        for (ReportFacts report : reports) {
            if (report.mergeInto() != null) {
                chosen.add(report.mergeInto());
            } else if (catalog.find(report.categoryCode())
                    .filter(c -> !c.divert())
                    .isPresent()) {
                claims.add(claim(report));
            }
        }
        mergeLock.holdAll(claims);
        // The incidents the call takers chose take no merge lock: their rows are locked here, in the
        // order of their ids, so two batches joining the same incidents in other orders take turns.
        if (!chosen.isEmpty()) {
            store.lockRows(chosen);
        }
    }

    /** What a report's merge decision needs to hold: its category, and its point and the merge distance. */
    private MergeLock.Claim claim(ReportFacts report) {
        return new MergeLock.Claim(report.categoryCode(), report.point(), properties.mergeDistanceMeters());
    }

    private Admission divert(ReportFacts report, Category category, Actor actor) {
        String owner = responsibleAgency(category, report.districtCode());
        if (owner == null) {
            throw Problem.refused(
                    "no-owner-agency", "category " + category.code() + " is non-police but names no owning agency");
        }
        Incident draft = draft(IncidentKind.SERVICE, report, category, null);
        long id = store.insert(draft);
        received(id, report, actor);
        record.append(entry(id, report.receivedAt(), actor, "REPORT_DIVERTED")
                .detail("diverted to " + owner + " as non-police " + category.code()));

        TaskOrder order = TaskOrder.of(id, owner, report.text(), report.priority(), report.receivedAt())
                .drill(report.drill());
        Task task = dispatch.issue(
                new TaskOrder(
                        order.incidentId(),
                        order.agency(),
                        order.instructions(),
                        order.priority(),
                        order.issuedAt(),
                        null,
                        true,
                        report.drill(),
                        null,
                        null,
                        null,
                        null),
                actor);
        log.info("Diverted a {} report to agency {} as case {} ({})", report.channel(), owner, id, category.code());
        return new Admission(Admission.Outcome.DIVERTED, id, null, List.of(task.id()), false);
    }

    /**
     * Joins the report to the incident the call taker chose: it must be an open emergency incident
     * of the same kind of exercise (drill or real); anything else is refused and nothing is stored.
     */
    private Admission mergeChosen(long target, ReportFacts report, Actor actor) {
        Incident incident = store.find(target)
                .orElseThrow(() -> refuseMerge(
                        "merge-target-unknown", "mergeInto: incident " + target + " does not exist", target, report));
        if (incident.kind() != IncidentKind.EMERGENCY) {
            throw refuseMerge(
                    "merge-target-not-emergency",
                    "mergeInto: incident " + target + " is a diverted service case, not an emergency incident",
                    target,
                    report);
        }
        if (incident.drill() != report.drill()) {
            throw refuseMerge(
                    "merge-target-drill-mismatch",
                    "mergeInto: incident " + target + (incident.drill() ? " is a drill" : " is not a drill")
                            + " but the report " + (report.drill() ? "is one" : "is not"),
                    target,
                    report);
        }
        if (!store.mergedIfOpen(target, report.receivedAt())) {
            throw refuseMerge(
                    "merge-target-not-open",
                    "mergeInto: incident " + target + " is " + incident.status() + ", not open; reopen it or file"
                            + " the report without mergeInto",
                    target,
                    report);
        }
        return recordMerge(incident, report, actor, " by call taker");
    }

    private static Problem refuseMerge(String type, String detail, long target, ReportFacts report) {
        log.warn("Refused to merge a {} report into incident {}: {}", report.channel(), target, type);
        return Problem.refused(type, detail);
    }

    private Admission recordMerge(Incident incident, ReportFacts report, Actor actor, String how) {
        received(incident.id(), report, actor);
        record.append(entry(incident.id(), report.receivedAt(), actor, "REPORT_MERGED")
                .detail("report #" + (incident.reportCount() + 1) + " merged into incident " + incident.id() + how));
        log.info(
                "Merged a {} report into incident {} ({}){}",
                report.channel(),
                incident.id(),
                incident.categoryCode(),
                how);
        return new Admission(Admission.Outcome.MERGED, incident.id(), incident.planCode(), List.of(), false);
    }

    private Admission open(ReportFacts report, Category category, Actor actor) {
        Optional<Plan> plan = plans.match(category.code(), report.severity());
        Incident draft = draft(
                IncidentKind.EMERGENCY, report, category, plan.map(Plan::code).orElse(null));
        long id = store.insert(draft);
        received(id, report, actor);
        record.append(entry(id, report.receivedAt(), actor, "INCIDENT_OPENED")
                .detail(category.code() + " " + report.priority() + " severity " + report.severity()));

        List<Long> taskIds = new ArrayList<>();
        boolean tellLeader = report.severity().atLeast(Severity.III);
        if (plan.isPresent()) {
            taskIds.addAll(activate(
                    id,
                    plan.get(),
                    report.districtCode(),
                    report.priority(),
                    report.receivedAt(),
                    report.drill(),
                    actor));
            tellLeader |= plan.get().recipients().contains("LEADER");
        } else {
            String owner = responsibleAgency(category, report.districtCode());
            if (owner != null) {
                TaskOrder order = TaskOrder.of(id, owner, report.text(), report.priority(), report.receivedAt())
                        .drill(report.drill());
                taskIds.add(dispatch.issue(order, actor).id());
            }
        }
        if (tellLeader) {
            notifyLeader(id, draft, report.receivedAt(), actor);
        }
        log.info(
                "Opened incident {} ({}, {}, severity {}) with {} tasks",
                id,
                category.code(),
                report.priority(),
                report.severity(),
                taskIds.size());
        return new Admission(
                Admission.Outcome.INCIDENT_OPENED, id, plan.map(Plan::code).orElse(null), taskIds, tellLeader);
    }

    private List<Long> activate(
            long id, Plan plan, @Nullable String district, Priority priority, Instant at, boolean drill, Actor actor) {
        record.append(entry(id, at, actor, "PLAN_ACTIVATED").detail(plan.code() + " " + plan.nameZh()));
        List<TaskOrder> orders =
                planOrders(id, plan, localAgencies(plan, district), new HashSet<>(), priority, at, drill);
        return dispatch.issueAll(orders, actor).stream().map(Task::id).toList();
    }

    private void notifyLeader(long id, Incident incident, Instant at, Actor actor) {
        notifications.send(
                "LEADER",
                "SERIOUS_INCIDENT",
                id,
                null,
                incident.title() + "（" + incident.severity() + " 级 " + incident.priority() + "）");
        record.append(entry(id, at, actor, "LEADER_NOTIFIED").detail("severity " + incident.severity()));
    }

    private Optional<Incident> mergeTarget(ReportFacts report) {
        Duration window = properties.mergeWindow();
        List<Incident> candidates = store.mergeCandidates(
                report.categoryCode(),
                report.drill(),
                report.receivedAt().minus(window),
                report.receivedAt().plus(window),
                report.point(),
                properties.mergeDistanceMeters());
        Incident best = null;
        double bestMeters = Double.MAX_VALUE;
        for (Incident candidate : candidates) {
            double meters = distance(candidate, report);
            if (meters <= properties.mergeDistanceMeters() && meters < bestMeters) {
                best = candidate;
                bestMeters = meters;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Metres between the report and the incident; same address text counts as zero when a point is missing. */
    private static double distance(Incident incident, ReportFacts report) {
        GeoPoint there = incident.point();
        if (there != null && report.point() != null) {
            return there.metersTo(report.point());
        }
        if (incident.address() != null
                && report.address() != null
                && normalise(incident.address()).equals(normalise(report.address()))) {
            return 0;
        }
        return Double.MAX_VALUE;
    }

    private static String normalise(String address) {
        return address.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** Each step of the plan with the agency that does it in the district ({@link #localAgency}). */
    private Map<PlanTask, String> localAgencies(Plan plan, @Nullable String district) {
        Map<PlanTask, String> local = new LinkedHashMap<>();
        plan.tasks().forEach(step -> local.put(step, localAgency(step.agencyCode(), district)));
        return local;
    }

    /**
     * The plan's orders on the incident, in the plan's order: one per agency not in {@code tasked},
     * which it adds them to. Two steps for one agency (a plan stored before plans were refused for
     * naming one agency twice, or two agencies that stand for the same local one here) give one task.
     */
    private static List<TaskOrder> planOrders(
            long id,
            Plan plan,
            Map<PlanTask, String> local,
            Set<String> tasked,
            Priority priority,
            Instant at,
            boolean drill) {
        List<TaskOrder> orders = new ArrayList<>();
        for (PlanTask step : plan.tasks()) {
            String agency = local.get(step);
            if (tasked.add(agency)) {
                orders.add(TaskOrder.of(id, agency, step.taskZh(), priority, at)
                        .drill(drill)
                        .fromPlan(plan.code(), step.acknowledgeWithin(), step.arriveWithin(), step.completeWithin()));
            }
        }
        return orders;
    }

    /** The owner agency; for police work, the police unit whose jurisdiction holds the district. */
    private @Nullable String responsibleAgency(Category category, @Nullable String district) {
        String owner = category.ownerAgency();
        return owner == null ? null : localAgency(owner, district);
    }

    /**
     * The agency that does the named agency's work in the district: the named one when it covers
     * the district (or the district is not known), else the most specific active agency of its kind
     * that does, so that a category's owner or a plan's step naming one police sub-bureau tasks the
     * sub-bureau of the incident's own county; the named one when none does.
     */
    private String localAgency(String named, @Nullable String district) {
        if (district == null) {
            return named;
        }
        Optional<Agency> agency = agencies.find(named);
        if (agency.isEmpty() || agency.get().covers(district)) {
            return named;
        }
        return agencies.covering(district, agency.get().kind()).stream()
                .map(Agency::code)
                .findFirst()
                .orElse(named);
    }

    private Incident draft(IncidentKind kind, ReportFacts report, Category category, @Nullable String plan) {
        String where = report.address() != null
                ? report.address()
                : report.point() != null
                        ? String.format(
                                Locale.ROOT,
                                "%.5f, %.5f",
                                report.point().lat(),
                                report.point().lon())
                        : "";
        String title = (category.nameZh() + " " + where).strip();
        GeoPoint point = report.point();
        return new Incident(
                0,
                kind,
                category.code(),
                report.priority(),
                report.severity(),
                IncidentStatus.OPEN,
                title.length() > 480 ? title.substring(0, 480) : title,
                report.address(),
                point == null ? null : point.lat(),
                point == null ? null : point.lon(),
                report.districtCode(),
                report.receivedAt(),
                report.receivedAt(),
                null,
                plan,
                "COMMANDER",
                1,
                report.drill(),
                0);
    }

    private void received(long id, ReportFacts report, Actor actor) {
        String ref = report.externalRef() == null ? "" : " [" + report.externalRef() + "]";
        record.append(entry(id, report.receivedAt(), actor, "REPORT_RECEIVED")
                .detail(report.channel() + ref + ": " + report.text()));
    }

    // ---- orders ----------------------------------------------------------------------------

    /** Orders a further agency to act. */
    @Transactional
    public Task dispatchAgency(
            long id,
            int version,
            String agency,
            String instructions,
            @Nullable Priority priority,
            @Nullable Instant at,
            Actor actor) {
        Incident incident = openForOrders(id, version);
        Agency target = agencies.find(agency)
                .filter(Agency::active)
                .orElseThrow(() -> Problem.invalid("agency", "unknown or inactive agency", agency));
        // This node's copy of the agencies may lag another node's deactivation: the database says,
        // and holds the agency's row until this order commits.
        if (!agencies.holdActive(List.of(target.code())).contains(target.code())) {
            throw Problem.invalid("agency", "unknown or inactive agency", agency);
        }
        Instant when = orderTime(incident, at);
        // The incident's row lock first, then the look for an active task: dispatches of one agency
        // at once take turns, and each after the first finds the task the first issued.
        hold(incident, version, true);
        Optional<Task> active = dispatch.ofIncident(id).stream()
                .filter(t -> t.agency().equals(target.code()) && t.status().isActive())
                .findFirst();
        if (active.isPresent()) {
            return active.get();
        }
        return dispatch.issue(
                TaskOrder.of(id, target.code(), instructions, priority == null ? incident.priority() : priority, when)
                        .drill(incident.drill()),
                actor);
    }

    /** Activates a plan (the given one, or the one matching the incident) for agencies not yet tasked. */
    @Transactional
    public List<Task> activatePlan(long id, int version, @Nullable String planCode, Actor actor) {
        Incident incident = openForOrders(id, version);
        Plan plan = (planCode != null
                        ? plans.find(planCode)
                        : plans.match(incident.categoryCode(), incident.severity()))
                .orElseThrow(() -> planCode != null
                        ? Problem.invalid("plan", "unknown plan", planCode)
                        : Problem.refused(
                                "no-matching-plan",
                                "no plan matches category " + incident.categoryCode() + " at severity "
                                        + incident.severity()));
        // The rows of the plan's agencies first (as a dispatch order takes its agency's, before the
        // incident's): none is deactivated before these tasks commit, and an agency that this node's
        // copy of the plan names but another node has deactivated meanwhile is refused.
        Map<PlanTask, String> local = localAgencies(plan, incident.districtCode());
        SortedSet<String> named = new TreeSet<>(local.values());
        Set<String> active = agencies.holdActive(named);
        List<String> inactive =
                named.stream().filter(code -> !active.contains(code)).toList();
        if (!inactive.isEmpty()) {
            throw Problem.conflict("plan " + plan.code() + " tasks agencies that are no longer active: "
                    + String.join(", ", inactive) + "; the plan was changed meanwhile, reload it and try again");
        }
        // The incident's row lock, then the agencies already tasked: a dispatch committed meanwhile
        // is seen, so its agency is not tasked twice.
        hold(incident, version, true);
        Set<String> tasked = new HashSet<>();
        for (Task t : dispatch.ofIncident(id)) {
            if (t.status().isActive() || t.status().name().equals("COMPLETED")) {
                tasked.add(t.agency());
            }
        }
        Instant now = clock.instant();
        List<TaskOrder> orders = planOrders(id, plan, local, tasked, incident.priority(), now, incident.drill());
        if (orders.isEmpty() && plan.code().equals(incident.planCode())) {
            // The plan is in force and each of its agencies is tasked: the order changes nothing, so
            // it writes nothing (no new version, no second PLAN_ACTIVATED entry).
            log.info("Plan {} is already in force on incident {}: nothing to activate", plan.code(), id);
            return List.of();
        }
        bump(incident, version, "plan_code = ?", plan.code());
        record.append(entry(id, now, actor, "PLAN_ACTIVATED").detail(plan.code() + " " + plan.nameZh()));
        return dispatch.issueAll(orders, actor);
    }

    @Transactional
    public Incident addNote(long id, int version, String text, Actor actor) {
        Incident incident = find(id);
        checkVersion(incident, version);
        hold(incident, version, false);
        record.append(entry(id, clock.instant(), actor, "NOTE_ADDED").detail(text));
        return find(id);
    }

    @Transactional
    public Incident changeSeverity(long id, int version, Severity severity, String reason, Actor actor) {
        Incident incident = openForOrders(id, version);
        bump(incident, version, "severity = ?", severity.name());
        record.append(entry(id, clock.instant(), actor, "SEVERITY_CHANGED")
                .because(reason)
                .detail(incident.severity() + " -> " + severity));
        if (severity.atLeast(Severity.III) && !incident.severity().atLeast(Severity.III)) {
            notifyLeader(id, find(id), clock.instant(), actor);
        }
        return find(id);
    }

    @Transactional
    public Incident changePriority(long id, int version, Priority priority, String reason, Actor actor) {
        Incident incident = openForOrders(id, version);
        bump(incident, version, "priority = ?", priority.name());
        record.append(entry(id, clock.instant(), actor, "PRIORITY_CHANGED")
                .because(reason)
                .detail(incident.priority() + " -> " + priority));
        return find(id);
    }

    /** Hands command to the duty leader. */
    @Transactional
    public Incident handOver(long id, int version, String reason, Actor actor) {
        Incident incident = openForOrders(id, version);
        if (incident.inCommand().equals("LEADER")) {
            throw Problem.refused("already-in-command", "the duty leader already commands incident " + id);
        }
        bump(incident, version, "in_command = ?", "LEADER");
        record.append(entry(id, clock.instant(), actor, "COMMAND_HANDED_OVER")
                .because(reason)
                .detail("LEADER"));
        notifications.send("LEADER", "COMMAND_HANDED_OVER", id, null, "指挥权移交值班领导：" + incident.title());
        return find(id);
    }

    /** Closes the incident; its active tasks are cancelled and recorded as such. */
    @Transactional
    public Incident close(long id, int version, String reason, @Nullable Instant at, Actor actor) {
        return end(id, version, reason, at, actor, IncidentStatus.CLOSED, "INCIDENT_CLOSED");
    }

    @Transactional
    public Incident cancel(long id, int version, String reason, Actor actor) {
        return end(id, version, reason, null, actor, IncidentStatus.CANCELLED, "INCIDENT_CANCELLED");
    }

    @Transactional
    public Incident reopen(long id, int version, String reason, Actor actor) {
        Incident incident = find(id);
        checkVersion(incident, version);
        if (incident.isOpen()) {
            throw Problem.refused("incident-state", "incident " + id + " is already open");
        }
        bump(incident, version, "status = 'OPEN', closed_at = NULL");
        record.append(entry(id, clock.instant(), actor, "INCIDENT_REOPENED").because(reason));
        return find(id);
    }

    private Incident end(
            long id, int version, String reason, @Nullable Instant at, Actor actor, IncidentStatus to, String type) {
        Incident incident = openForOrders(id, version);
        Instant when = orderTime(incident, at);
        bump(incident, version, "status = ?, closed_at = ?", to.name(), io.liandong.shared.persistence.Sql.ts(when));
        notBeforeRecord(id, at);
        dispatch.cancelActive(id, when, "incident " + to.name().toLowerCase(Locale.ROOT) + ": " + reason, actor);
        record.append(entry(id, when, actor, type).because(reason));
        log.info("Incident {} {} by {}", id, to, actor.username());
        return find(id);
    }

    /** Closes a diverted service case once its agency has completed and nothing is left open. */
    @Transactional
    public void closeServiceCaseIfDone(long id, Instant at) {
        Incident incident = find(id);
        if (incident.kind() != IncidentKind.SERVICE || !incident.isOpen()) {
            return;
        }
        boolean anyActive =
                dispatch.ofIncident(id).stream().anyMatch(t -> t.status().isActive());
        boolean anyCompleted = dispatch.ofIncident(id).stream().anyMatch(t -> t.completedAt() != null);
        if (!anyActive && anyCompleted && store.closeIfOpen(id, at)) {
            record.append(NewEntry.of(id, at, "system", null, "INCIDENT_CLOSED").because("service case completed"));
        }
    }

    // ---- queries ---------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Incident find(long id) {
        return store.find(id).orElseThrow(() -> Problem.notFound("incident", id));
    }

    /**
     * Incidents matching the query, most urgent first, every filter applied before the limit; an
     * unknown zone, platform or agency is refused.
     */
    @Transactional(readOnly = true)
    public List<Incident> search(IncidentQuery q) {
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw Problem.invalid(
                    "from", "must not be after to (" + q.to() + ")", q.from().toString());
        }
        Optional<List<String>> handled = categoriesHandledBy(q.zone(), q.platform());
        IncidentStore.Filter filter = filter(q, handled.orElse(null));
        if (handled.isPresent() && handled.get().isEmpty()) {
            return List.of();
        }
        return store.search(q.status(), filter, q.from(), q.to(), q.limit());
    }

    /**
     * The board's counters over every incident matching the query's filters, as the list has them
     * (its status, time range and limit are ignored): open incidents, P1 among them, those the duty
     * leader commands, their active and overdue tasks, and incidents of any state opened at or
     * after {@code since}.
     */
    @Transactional(readOnly = true)
    public BoardCounts count(IncidentQuery q, Instant since) {
        Optional<List<String>> handled = categoriesHandledBy(q.zone(), q.platform());
        IncidentStore.Filter filter = filter(q, handled.orElse(null));
        if (handled.isPresent() && handled.get().isEmpty()) {
            return new BoardCounts(0, 0, 0, 0, 0, 0, since);
        }
        IncidentStore.BoardTally tally = store.boardTally(filter, since);
        ActiveTasks tasks = dispatch.activeTasks(store.openIncidentIds(filter));
        return new BoardCounts(
                tally.open(),
                tally.p1(),
                tally.leaderCommand(),
                tasks.active(),
                tasks.overdue(),
                tally.openedSince(),
                since);
    }

    /** The longest piece of text the board searches for. */
    private static final int MAX_SEARCH_TEXT = 100;

    /**
     * The store's filter for a query; a malformed district, an over-long search text or an unknown
     * agency (active or not: a deactivated agency's incidents stay on record) is refused.
     */
    private IncidentStore.Filter filter(IncidentQuery q, @Nullable List<String> categoryIn) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String agency = blankToNull(q.agency());
        if (agency != null && agencies.find(agency).isEmpty()) {
            errors.add(new Problem.FieldError(
                    "agency", "no such agency '" + Problem.clip(agency) + "'", Problem.clip(agency)));
        }
        String category = blankToNull(q.category());
        unknownCategory(category).ifPresent(errors::add);
        String district = blankToNull(q.district());
        if (district != null && !DIVISION_CODE.matcher(district).matches()) {
            errors.add(new Problem.FieldError(
                    "district",
                    "must be an administrative division code of 2, 4, 6, 9 or 12 digits (2113 a city, 211302"
                            + " a district, 211302001 a township), was '" + Problem.clip(district) + "'",
                    Problem.clip(district)));
        } else if (district != null && district.length() == 12 && !district.endsWith("000")) {
            errors.add(new Problem.FieldError(
                    "district",
                    "'" + district + "' is a village; incidents are placed to the township (9 digits) at the"
                            + " finest, so give the township's code",
                    district));
        }
        String text = blankToNull(q.text());
        if (text != null && text.codePointCount(0, text.length()) > MAX_SEARCH_TEXT) {
            errors.add(new Problem.FieldError(
                    "q",
                    "must be at most " + MAX_SEARCH_TEXT + " characters",
                    text.substring(0, text.offsetByCodePoints(0, 20)) + "…"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        SqlCondition tasked = agency == null ? null : dispatch.incidentTaskedTo(agency, IncidentStore.ID_COLUMN);
        return new IncidentStore.Filter(
                q.kind(),
                category,
                categoryIn,
                q.severity(),
                district == null ? null : divisionPrefix(district),
                q.priority(),
                text,
                tasked);
    }

    /**
     * An administrative division code: province (2 digits), city (4), county or district (6),
     * township (9) or village (12), as GB/T 2260 and the NBS division list write them.
     */
    private static final Pattern DIVISION_CODE = Pattern.compile("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}");

    /**
     * The prefix the codes of a division and of those below it share: a code written in the NBS
     * list's 12-digit form ({@code 211302001000} a township, {@code 211302000000} a district) is
     * its 9- or 6-digit code, and a city's or a province's code in its 6-digit form
     * ({@code 211300}, {@code 210000}) is its 4- or 2-digit prefix.
     */
    private static String divisionPrefix(String code) {
        String prefix = code;
        while ((prefix.length() == 12 || prefix.length() == 9) && prefix.endsWith("000")) {
            prefix = prefix.substring(0, prefix.length() - 3);
        }
        while ((prefix.length() == 6 || prefix.length() == 4) && prefix.endsWith("00")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        }
        return prefix;
    }

    /** The filter error for a category code the catalog does not hold; empty for none or a known one. */
    private Optional<Problem.FieldError> unknownCategory(@Nullable String code) {
        if (code == null || catalog.find(code).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Problem.FieldError(
                "category", "no such category '" + Problem.clip(code) + "'", Problem.clip(code)));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The hall zone that handles the incident, from its category as it is now; empty when none does. */
    public Optional<Zone> zoneOf(Incident incident) {
        return catalog.zoneOf(incident.categoryCode()).flatMap(agencies::zone);
    }

    /**
     * The categories whose incidents the zone, the platform or both handle; empty (no filter) when
     * neither is given. An unknown zone or platform is refused.
     */
    private Optional<List<String>> categoriesHandledBy(@Nullable String givenZone, @Nullable String givenPlatform) {
        // an empty filter is no filter, as for the category, agency and district
        String zone = blankToNull(givenZone);
        String platform = blankToNull(givenPlatform);
        if (zone == null && platform == null) {
            return Optional.empty();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (zone != null && agencies.zone(zone).isEmpty()) {
            errors.add(new Problem.FieldError("zone", "no such zone '" + zone + "'", zone));
        }
        if (platform != null && !Zone.PLATFORMS.contains(platform)) {
            errors.add(new Problem.FieldError(
                    "platform",
                    "must be one of " + String.join(", ", Zone.PLATFORMS) + ", was '" + platform + "'",
                    platform));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        Set<String> zones = new HashSet<>();
        for (Zone candidate : agencies.zones()) {
            if ((zone == null || candidate.code().equals(zone))
                    && (platform == null || candidate.platform().equals(platform))) {
                zones.add(candidate.code());
            }
        }
        return Optional.of(zones.isEmpty() ? List.of() : catalog.inZones(zones));
    }

    /** Open incidents within the merge distance of a point, nearest first. */
    @Transactional(readOnly = true)
    public List<Incident> nearby(@Nullable String category, GeoPoint point, double meters) {
        String code = blankToNull(category);
        unknownCategory(code).ifPresent(error -> {
            throw Problem.invalid(List.of(error));
        });
        return store.openEmergenciesNear(code, point, meters).stream()
                .filter(i -> i.point() != null && i.point().metersTo(point) <= meters)
                .sorted((a, b) ->
                        Double.compare(a.point().metersTo(point), b.point().metersTo(point)))
                .limit(20)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Incident> openedBetween(Instant from, Instant to) {
        return store.openedBetween(from, to);
    }

    public double mergeDistanceMeters() {
        return properties.mergeDistanceMeters();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Incident openForOrders(long id, int version) {
        Incident incident = find(id);
        checkVersion(incident, version);
        if (!incident.isOpen()) {
            throw Problem.refused(
                    "incident-state",
                    "incident " + id + " is " + incident.status() + "; reopen it before giving orders");
        }
        return incident;
    }

    private static void checkVersion(Incident incident, int version) {
        if (incident.version() != version) {
            throw stale(incident, version);
        }
    }

    /**
     * Checks, under the incident's row lock, that it is still at {@code version} (and open, when
     * asked) without changing it: orders that add to an incident (a task, a note) do not conflict
     * with each other, only with a change of the incident itself.
     */
    private void hold(Incident incident, int version, boolean mustBeOpen) {
        if (!store.hold(incident.id(), version, mustBeOpen)) {
            throw stale(store.find(incident.id()).orElse(incident), version);
        }
    }

    private void bump(Incident incident, int version, String assignments, Object... values) {
        if (!store.change(incident.id(), version, assignments, values)) {
            throw stale(store.find(incident.id()).orElse(incident), version);
        }
    }

    private static Problem stale(Incident incident, int version) {
        return Problem.conflict("incident " + incident.id() + " was changed by someone else: you saw version " + version
                + ", it is now at version " + incident.version());
    }

    private Instant orderTime(Incident incident, @Nullable Instant at) {
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw Problem.invalid("at", "an order cannot be dated in the future, was " + at, at.toString());
        }
        if (at.isBefore(incident.openedAt())) {
            throw Problem.invalid(
                    "at",
                    "an order cannot be dated before incident " + incident.id() + " opened at " + incident.openedAt()
                            + ", was " + at,
                    at.toString());
        }
        return at;
    }

    /**
     * A dated close (given earlier, entered now) may not come before what the incident's record
     * already holds, such as a task's acknowledgement: the record would show a step taken on a
     * closed incident, or a task cancelled before it was acknowledged. A dated dispatch may: it adds
     * a task and contradicts nothing. Called under the incident's row lock, so orders on the
     * incident committed meanwhile are seen.
     */
    private void notBeforeRecord(long id, @Nullable Instant at) {
        if (at == null) {
            return;
        }
        Optional<Instant> latest = record.latestOccurrence(id);
        if (latest.isPresent() && at.isBefore(latest.get())) {
            throw Problem.invalid(
                    "at",
                    "incident " + id + " cannot be closed at a time before the latest entry of its record, at "
                            + latest.get() + "; was " + at,
                    at.toString());
        }
    }

    private static NewEntry entry(long id, Instant at, Actor actor, String type) {
        return NewEntry.of(id, at, actor.username(), actor.seat(), type);
    }

    /**
     * Filters for listing incidents; null means any. {@code category} takes the categories below
     * it too; {@code zone} and {@code platform} keep the incidents whose category the zone (or a
     * zone of the platform) handles; {@code agency} keeps the incidents on which that agency has a
     * task, in any state; {@code district} takes the divisions below it too; {@code text} is an
     * incident id or a piece of the title or address, in any case.
     */
    public record IncidentQuery(
            @Nullable IncidentStatus status,
            @Nullable IncidentKind kind,
            @Nullable String category,
            @Nullable Severity severity,
            @Nullable String agency,
            @Nullable String zone,
            @Nullable String platform,
            @Nullable String district,
            @Nullable Priority priority,
            @Nullable String text,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {}

    /** What the board shows on top; see {@link #count}. */
    public record BoardCounts(
            long open,
            long p1,
            long leaderCommand,
            long openTasks,
            long overdueTasks,
            long openedSince,
            Instant since) {}
}
