package io.liandong.dispatch;

import io.liandong.agency.AgencyService;
import io.liandong.dispatch.internal.DeadlineCalculator;
import io.liandong.dispatch.internal.TaskStore;
import io.liandong.record.NewEntry;
import io.liandong.record.RecordService;
import io.liandong.shared.persistence.Sql;
import io.liandong.shared.persistence.SqlCondition;
import io.liandong.shared.security.Actor;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues tasks to agencies and moves them through their steps. Every change writes the task row
 * and an entry on the incident's record in one transaction.
 */
@Service
public class DispatchService {

    private static final Logger log = LoggerFactory.getLogger(DispatchService.class);
    /** A step may be dated a little ahead of this node's clock (clients' clocks drift). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The longest reason a return keeps ({@code task.return_reason}). */
    private static final int MAX_RETURN_REASON = 1000;
    /** How often ending an incident tries to cancel a task its agency keeps moving meanwhile. */
    private static final int CANCEL_ATTEMPTS = 5;

    private final TaskStore store;
    private final DeadlineCalculator deadlines;
    private final RecordService record;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AgencyService agencies;

    DispatchService(
            TaskStore store,
            DeadlineCalculator deadlines,
            RecordService record,
            ApplicationEventPublisher events,
            Clock clock,
            AgencyService agencies) {
        this.store = store;
        this.deadlines = deadlines;
        this.record = record;
        this.events = events;
        this.clock = clock;
        this.agencies = agencies;
    }

    /** Issues one task in the caller's transaction and writes TASK_ISSUED on the record. */
    @Transactional
    public Task issue(TaskOrder order, Actor actor) {
        return issueAll(List.of(order), actor).get(0);
    }

    /**
     * Issues several tasks in the caller's transaction, stored together in one statement, and
     * writes TASK_ISSUED on the record for each, in the order given.
     */
    @Transactional
    public List<Task> issueAll(List<TaskOrder> orders, Actor actor) {
        List<Task> drafts = orders.stream().map(deadlines::draft).toList();
        List<Long> ids = store.insertAll(drafts);
        List<Task> issued = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            long id = ids.get(i);
            Task task = drafts.get(i).withId(id);
            record.append(NewEntry.of(task.incidentId(), task.issuedAt(), actor.username(), actor.seat(), "TASK_ISSUED")
                    .task(id, task.agency())
                    .detail(task.instructions()));
            log.info(
                    "Issued task {} to agency {} for incident {} ({}, plan {})",
                    id,
                    task.agency(),
                    task.incidentId(),
                    task.priority(),
                    task.planCode());
            issued.add(task);
        }
        return issued;
    }

    /** Takes one step on a task for the acting agency user (or an administrator). */
    @Transactional
    public Task step(long taskId, TaskStep step, StepCommand command, Actor actor) {
        Task task = movableTask(taskId, actor, step.verb());
        if (step == TaskStep.CANCEL) {
            throw Problem.refused("task-step-refused", "tasks are cancelled by closing or cancelling the incident");
        }
        Instant at = stepTime(task, command.at());
        String text = command.text() == null ? null : command.text().strip();
        if ((step == TaskStep.RETURN || step == TaskStep.REPORT_BACK) && (text == null || text.isEmpty())) {
            throw step == TaskStep.RETURN
                    ? Problem.invalid("reason", "a return needs a reason", command.text())
                    : Problem.invalid("text", "a report-back needs a text", command.text());
        }
        if (step == TaskStep.RETURN && text != null && text.length() > MAX_RETURN_REASON) {
            // A step's text may hold 4000 characters; a return keeps it as the task's reason, which
            // holds 1000 (before, the database refused it and the client got a misleading 409).
            throw Problem.invalid(
                    "text",
                    "a return's reason holds at most " + MAX_RETURN_REASON + " characters, was " + text.length(),
                    null);
        }
        return apply(task, step, command.version(), at, text, actor);
    }

    /**
     * Cancels every active task of an incident (the incident was closed or cancelled). The reason
     * kept on each task starts with {@code incident closed} or {@code incident cancelled}, which a
     * later step on the task names in its refusal.
     */
    @Transactional
    public List<Task> cancelActive(long incidentId, Instant at, String reason, Actor actor) {
        List<Task> cancelled = new ArrayList<>();
        for (Task task : store.ofIncident(incidentId)) {
            Task current = task;
            for (int attempt = 1; current.status().isActive(); attempt++) {
                Task done = tryApply(current, TaskStep.CANCEL, at, reason, actor);
                if (done != null) {
                    cancelled.add(done);
                    break;
                }
                // The task's agency moved it between the read and the cancel (the commander sent no
                // task version): cancel it as it is now, if it is still active.
                current = store.find(task.id()).orElseThrow();
                if (attempt == CANCEL_ATTEMPTS && current.status().isActive()) {
                    throw Problem.conflict("task " + task.id() + " of incident " + incidentId
                            + " kept changing while the incident was being ended; send the order again");
                }
            }
        }
        return cancelled;
    }

    @Transactional(readOnly = true)
    public List<Task> ofIncident(long incidentId) {
        return store.ofIncident(incidentId);
    }

    /** The tasks of several incidents, grouped by incident, in one query per 500 incidents. */
    @Transactional(readOnly = true)
    public Map<Long, List<Task>> ofIncidents(Collection<Long> incidentIds) {
        Map<Long, List<Task>> grouped = new HashMap<>();
        for (List<Long> slice : Sql.slices(incidentIds)) {
            for (Task task : store.ofIncidents(slice)) {
                grouped.computeIfAbsent(task.incidentId(), k -> new ArrayList<>())
                        .add(task);
            }
        }
        return grouped;
    }

    /**
     * The active tasks of the incidents another module's sub-select names (a {@code SELECT} of
     * incident ids), and the overdue ones among them now: one aggregate query, however many.
     */
    @Transactional(readOnly = true)
    public ActiveTasks activeTasks(SqlCondition incidentIds) {
        return store.activeTasks(incidentIds, clock.instant());
    }

    /**
     * A condition for another module's query: it holds for the rows whose {@code incidentIdColumn}
     * (such as {@code incident.id}) names an incident on which the agency has a task, in any state.
     * The board filters incidents by agency with it in the database, before its limit, without
     * reading the task table itself.
     */
    public SqlCondition incidentTaskedTo(String agency, String incidentIdColumn) {
        return store.incidentTaskedTo(agency, incidentIdColumn);
    }

    /**
     * A task the actor may see: any hall role sees every task, an agency role only its own agency's
     * (to a user with no hall role another agency's task is 404).
     */
    @Transactional(readOnly = true)
    public Task visibleTask(long taskId, Actor actor) {
        Task task = store.find(taskId).orElseThrow(() -> Problem.notFound("task", taskId));
        if (!actor.seesTasksOf(task.agency())) {
            throw Problem.notFound("task", taskId);
        }
        return task;
    }

    /**
     * A task the actor may move ({@code verb}: a step, or attaching a photo): only an administrator
     * or an agency role of the task's own agency; a hall role never moves a task, whatever agency
     * role the user also holds. A task the actor cannot see is 404, one it sees but may not move 403.
     */
    @Transactional(readOnly = true)
    public Task movableTask(long taskId, Actor actor, String verb) {
        Task task = visibleTask(taskId, actor);
        if (!actor.movesTasksOf(task.agency())) {
            log.warn(
                    "Refused to let user {} {} task {} of agency {}: not an agency role of that agency",
                    actor.username(),
                    verb,
                    taskId,
                    task.agency());
            throw Problem.forbidden("only the task's agency " + task.agency() + " may " + verb + " task " + taskId);
        }
        return task;
    }

    @Transactional(readOnly = true)
    public Optional<Task> find(long taskId) {
        return store.find(taskId);
    }

    /**
     * Lists tasks; a user with no hall role is confined to its own agency and may not ask for
     * another's, a user with a hall role lists every agency's (as that role does).
     */
    @Transactional(readOnly = true)
    public List<Task> search(TaskFilter filter, Actor actor) {
        String agency = filter.agency() == null || filter.agency().isBlank() ? null : filter.agency();
        if (actor.isAgencyUser()) {
            if (actor.agencyCode() == null) {
                return List.of();
            }
            if (agency != null && !agency.equals(actor.agencyCode())) {
                throw Problem.forbidden("an agency user sees only its own agency's tasks, not " + Problem.clip(agency));
            }
            agency = actor.agencyCode();
        } else if (agency != null && agencies.find(agency).isEmpty()) {
            // An unknown code (a typo) would answer an empty list, as if that agency had no tasks.
            throw Problem.invalid("agency", "no such agency '" + Problem.clip(agency) + "'", Problem.clip(agency));
        }
        return store.search(new TaskFilter(
                filter.status(), agency, filter.incidentId(), filter.activeOnly(), filter.overdue(), filter.limit()));
    }

    /** Counts and response times of tasks issued in [from, to), drills excluded. */
    @Transactional(readOnly = true)
    public TaskStatistics statistics(Instant from, Instant to) {
        return store.statistics(from, to, clock.instant());
    }

    private Task apply(Task task, TaskStep step, int version, Instant at, @Nullable String text, Actor actor) {
        // A final task takes no step whatever version the agency saw: 422, not a 409 that a retry
        // with the fresh version could never get past (a close that cancelled the task first).
        if (task.status().isFinal()) {
            throw finalTask(task, step, version);
        }
        if (version != task.version()) {
            throw staleVersion(task, version);
        }
        Task done = tryApply(task, step, at, text, actor);
        if (done == null) {
            Task now = store.find(task.id()).orElse(task);
            throw now.status().isFinal() ? finalTask(now, step, version) : staleVersion(now, version);
        }
        return done;
    }

    /**
     * Takes a step on the task as read; null when someone else changed it since (its version moved),
     * in which case nothing was written.
     */
    private @Nullable Task tryApply(Task task, TaskStep step, Instant at, @Nullable String text, Actor actor) {
        TaskStatus.Transition transition = task.status().take(step);
        if (!transition.allowed()) {
            log.warn(
                    "Refused to {} task {} of agency {}: {}",
                    step.verb(),
                    task.id(),
                    task.agency(),
                    transition.refusal());
            throw Problem.refused("task-step-refused", transition.refusal() + " (task " + task.id() + ")");
        }

        if (!store.step(task, step, transition.to(), at, text)) {
            return null;
        }

        record.append(NewEntry.of(task.incidentId(), at, actor.username(), actor.seat(), step.recordType())
                .task(task.id(), task.agency())
                .because(step == TaskStep.RETURN || step == TaskStep.CANCEL ? text : null)
                .detail(step == TaskStep.REPORT_BACK ? text : null));
        events.publishEvent(new TaskStepped(task.id(), task.incidentId(), task.agency(), step, transition.to(), at));
        log.info(
                "Task {} of agency {} on incident {}: {} -> {}",
                task.id(),
                task.agency(),
                task.incidentId(),
                task.status(),
                transition.to());
        return store.find(task.id()).orElseThrow();
    }

    private Instant stepTime(Task task, @Nullable Instant asked) {
        Instant now = clock.instant();
        if (asked == null) {
            return now;
        }
        if (asked.isAfter(now.plus(CLOCK_SKEW))) {
            throw Problem.invalid(
                    "at",
                    "a step cannot be dated in the future, was " + asked + " for task " + task.id(),
                    asked.toString());
        }
        Instant previous = latestStep(task);
        if (asked.isBefore(previous)) {
            throw Problem.invalid(
                    "at",
                    "a step cannot be dated before the task's previous step at " + previous + ", was " + asked
                            + " for task " + task.id(),
                    asked.toString());
        }
        return asked;
    }

    private static Instant latestStep(Task task) {
        Instant latest = task.issuedAt();
        for (Instant t : new Instant[] {task.acknowledgedAt(), task.arrivedAt()}) {
            if (t != null && t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest;
    }

    /**
     * The refusal of a step on a final task: what ended it and, for a cancelled one, whether its
     * incident was closed or cancelled (its reason, as {@link #cancelActive} keeps it, starts with
     * {@code incident closed} or {@code incident cancelled}).
     */
    private static Problem finalTask(Task task, TaskStep step, int version) {
        String why = "";
        String reason = task.returnReason();
        if (task.status() == TaskStatus.CANCELLED && reason != null) {
            if (reason.startsWith("incident closed")) {
                why = ": its incident " + task.incidentId() + " was closed";
            } else if (reason.startsWith("incident cancelled")) {
                why = ": its incident " + task.incidentId() + " was cancelled";
            }
        }
        String seen = version == task.version()
                ? ""
                : " (you saw version " + version + ", it is now at version " + task.version() + ")";
        log.warn(
                "Refused to {} task {} of agency {}: it is already {}",
                step.verb(),
                task.id(),
                task.agency(),
                task.status());
        return Problem.refused(
                "task-step-refused",
                "task " + task.id() + " is already " + task.status() + why + "; no step can follow" + seen);
    }

    private static Problem staleVersion(Task task, int version) {
        return Problem.conflict("task " + task.id() + " was changed by someone else: you saw version " + version
                + ", it is now at version " + task.version() + " (" + task.status() + ")");
    }
}
