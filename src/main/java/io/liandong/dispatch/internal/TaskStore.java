package io.liandong.dispatch.internal;

import io.liandong.dispatch.ActiveTasks;
import io.liandong.dispatch.Task;
import io.liandong.dispatch.TaskFilter;
import io.liandong.dispatch.TaskStatistics;
import io.liandong.dispatch.TaskStatus;
import io.liandong.dispatch.TaskStep;
import io.liandong.shared.Priority;
import io.liandong.shared.persistence.Sql;
import io.liandong.shared.persistence.SqlCondition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The task table. Every state change is a conditional update on the version the caller saw. */
@Repository
public class TaskStore {

    /** The statuses that are not final, quoted for an {@code IN} list. */
    private static final String OPEN = Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::isActive)
            .map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    TaskStore(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private Instant clockNow() {
        return clock.instant();
    }

    public long insert(Task t) {
        return insertAll(List.of(t)).get(0);
    }

    /** Inserts new tasks in one statement and answers their ids, in the order given. */
    public List<Long> insertAll(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(tasks.size() * 14);
        for (Task t : tasks) {
            values.addAll(Arrays.asList(
                    t.incidentId(),
                    t.agency(),
                    t.instructions(),
                    t.priority().name(),
                    t.status().name(),
                    t.planCode(),
                    t.diverted(),
                    t.drill(),
                    Sql.ts(t.issuedAt()),
                    Sql.ts(t.acknowledgeDue()),
                    Sql.ts(t.arriveDue()),
                    Sql.ts(t.completeDue()),
                    t.reportId(),
                    Sql.ts(watchFrom(t.nextDue()))));
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO task (incident_id, agency_code, instructions, priority, status, plan_code,
                          diverted, drill, issued_at, acknowledge_due, arrive_due, complete_due, report_id, watch_at)
                        VALUES """
                                + Sql.rows(tasks.size(), 14))
                .params(values)
                .update(keys, "id");
        return Sql.idsInRowOrder(keys, tasks.size());
    }

    /** When the watch first looks at a new task: its deadline, or now if that has passed (a replayed old task). */
    private @Nullable Instant watchFrom(@Nullable Instant deadline) {
        Instant now = clockNow();
        return deadline == null || deadline.isAfter(now) ? deadline : now;
    }

    public Optional<Task> find(long id) {
        return jdbc.sql("SELECT * FROM task WHERE id = ?")
                .param(id)
                .query(TaskStore::map)
                .optional();
    }

    public List<Task> ofIncident(long incidentId) {
        return jdbc.sql("SELECT * FROM task WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(TaskStore::map)
                .list();
    }

    /** How many open tasks (not in a final state) the agency has. */
    public int countOpen(String agency) {
        return jdbc.sql("SELECT COUNT(*) FROM task WHERE agency_code = ? AND status IN (" + OPEN + ")")
                .param(agency)
                .query(Integer.class)
                .single();
    }

    /** The agency's first {@code limit} open tasks by id. */
    public List<Task> firstOpen(String agency, int limit) {
        return jdbc.sql("SELECT * FROM task WHERE agency_code = ? AND status IN (" + OPEN + ") ORDER BY id LIMIT ?")
                .params(agency, limit)
                .query(TaskStore::map)
                .list();
    }

    /** The tasks of several incidents in one query. */
    public List<Task> ofIncidents(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        String marks = Sql.marks(incidentIds.size());
        return jdbc.sql("SELECT * FROM task WHERE incident_id IN (" + marks + ") ORDER BY id")
                .params(new ArrayList<>(incidentIds))
                .query(TaskStore::map)
                .list();
    }

    /** Active tasks of the given incidents, and those among them whose current deadline passed before {@code now}. */
    /** The active and overdue tasks of the incidents {@code incidentIds} (a sub-select of ids) names. */
    public ActiveTasks activeTasks(SqlCondition incidentIds, Instant now) {
        List<Object> args = new ArrayList<>(List.of(Sql.ts(now), Sql.ts(now), Sql.ts(now)));
        args.addAll(incidentIds.params());
        return jdbc.sql(
                        """
                        SELECT COUNT(*) AS active,
                          COUNT(CASE WHEN (status = 'ISSUED' AND acknowledge_due < ?)
                                  OR (status = 'ACKNOWLEDGED' AND arrive_due < ?)
                                  OR (status = 'ARRIVED' AND complete_due < ?) THEN 1 END) AS overdue
                        FROM task WHERE status IN ('ISSUED', 'ACKNOWLEDGED', 'ARRIVED') AND incident_id IN ("""
                                + incidentIds.sql() + ")")
                .params(args)
                .query((rs, n) -> new ActiveTasks(rs.getLong("active"), rs.getLong("overdue")))
                .single();
    }

    /** A column of another table's query, such as {@code incident.id}: no room for anything else. */
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /**
     * Holds for the rows whose {@code incidentIdColumn} names an incident on which the agency has a
     * task, in any state: one sub-select over the task table (index {@code ix_task_agency}).
     */
    public SqlCondition incidentTaskedTo(String agency, String incidentIdColumn) {
        if (!COLUMN.matcher(incidentIdColumn).matches()) {
            throw new IllegalArgumentException("not a column: " + incidentIdColumn);
        }
        return new SqlCondition(
                incidentIdColumn + " IN (SELECT incident_id FROM task WHERE agency_code = ?)", List.of(agency));
    }

    public List<Task> search(TaskFilter q) {
        return search(q, q.overdue() ? clockNow() : null);
    }

    List<Task> search(TaskFilter q, @Nullable Instant overdueAt) {
        StringBuilder sql = new StringBuilder("SELECT * FROM task WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.agency() != null) {
            sql.append(" AND agency_code = ?");
            args.add(q.agency());
        }
        if (q.incidentId() != null) {
            sql.append(" AND incident_id = ?");
            args.add(q.incidentId());
        }
        if (q.activeOnly()) {
            sql.append(" AND status IN ('ISSUED', 'ACKNOWLEDGED', 'ARRIVED')");
        }
        if (overdueAt != null) {
            sql.append(
                    " AND ((status = 'ISSUED' AND acknowledge_due < ?) OR (status = 'ACKNOWLEDGED' AND arrive_due < ?)"
                            + " OR (status = 'ARRIVED' AND complete_due < ?))");
            args.add(Sql.ts(overdueAt));
            args.add(Sql.ts(overdueAt));
            args.add(Sql.ts(overdueAt));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return jdbc.sql(sql.toString()).params(args).query(TaskStore::map).list();
    }

    /**
     * At most {@code limit} tasks the overdue watch has something to do with at {@code now}: a deadline passed, or a
     * reminder due. The longest waiting come first, so a backlog larger than one scan reaches every task in turn.
     */
    public List<Watched> dueForWatch(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM task WHERE watch_at <= ? ORDER BY watch_at, id LIMIT ?")
                .params(Sql.ts(now), limit)
                .query((rs, row) -> new Watched(map(rs, row), Sql.instant(rs, "watch_at")))
                .list();
    }

    /**
     * Overdue tasks not escalated whose next look is later than {@code latest} are looked at at {@code now} instead;
     * returns how many.
     */
    public int watchNoLaterThan(Instant now, Instant latest) {
        return jdbc.sql("UPDATE task SET watch_at = ?"
                        + " WHERE watch_at > ? AND overdue_stage IS NOT NULL AND escalated_at IS NULL")
                .params(Sql.ts(now), Sql.ts(latest))
                .update();
    }

    /** A task the overdue watch reads, and the time it has been waiting for the watch since. */
    public record Watched(Task task, Instant watchAt) {}

    /**
     * Tells the overdue watch to look at the task again at {@code at} ({@code null}: never), unless the task changed
     * since it was read.
     */
    public void watchAgainAt(Task t, @Nullable Instant at) {
        if (at == null) {
            jdbc.sql("UPDATE task SET watch_at = NULL WHERE id = ? AND version = ?")
                    .params(t.id(), t.version())
                    .update();
        } else {
            jdbc.sql("UPDATE task SET watch_at = ? WHERE id = ? AND version = ?")
                    .params(Sql.ts(at), t.id(), t.version())
                    .update();
        }
    }

    List<Task> issuedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM task WHERE issued_at >= ? AND issued_at < ? AND drill = FALSE")
                .params(Sql.ts(from), Sql.ts(to))
                .query(TaskStore::map)
                .list();
    }

    /** Writes a step; false when the task changed since {@code expectedVersion} was read. */
    /** Writes a step's outcome; false when the task changed since it was read. */
    public boolean step(Task task, TaskStep step, TaskStatus to, Instant at, @Nullable String text) {
        String column =
                switch (step) {
                    case ACKNOWLEDGE -> "acknowledged_at";
                    case ARRIVE -> "arrived_at";
                    case COMPLETE -> "completed_at";
                    case RETURN -> "returned_at";
                    default -> null;
                };
        String reason = step == TaskStep.RETURN || step == TaskStep.CANCEL ? text : null;
        return step(task.id(), task.version(), to, column, at, reason, step == TaskStep.REPORT_BACK);
    }

    private boolean step(
            long id,
            int expectedVersion,
            TaskStatus to,
            @Nullable String timeColumn,
            @Nullable Instant at,
            @Nullable String returnReason,
            boolean feedback) {
        // a new stage starts its deadline afresh; the watch looks at the task again when it passes, or now when it
        // has passed already (a late step), so that its lag counts from the step, not from that deadline
        String deadline =
                switch (to) {
                    case ISSUED -> "acknowledge_due";
                    case ACKNOWLEDGED -> "arrive_due";
                    case ARRIVED -> "complete_due";
                    case COMPLETED, RETURNED, CANCELLED -> null;
                };
        String reset = feedback
                ? ""
                : ", overdue_stage = NULL, reminders = 0, last_reminded_at = NULL, escalated_at = NULL, watch_at = "
                        + (deadline == null
                                ? "NULL"
                                : "CASE WHEN " + deadline + " > ? THEN " + deadline + " ELSE ? END");
        String timeSet = timeColumn == null ? "" : ", " + timeColumn + " = ?";
        List<Object> args = new ArrayList<>();
        args.add(to.name());
        if (timeColumn != null) {
            args.add(Sql.ts(at));
        }
        args.add(returnReason);
        args.add(feedback ? 1 : 0);
        if (!feedback && deadline != null) {
            Object now = Sql.ts(clockNow());
            args.add(now);
            args.add(now);
        }
        args.add(id);
        args.add(expectedVersion);
        int rows = jdbc.sql("UPDATE task SET status = ?" + timeSet
                        + ", return_reason = COALESCE(?, return_reason), feedback_count = feedback_count + ?"
                        + reset
                        + ", version = version + 1 WHERE id = ? AND version = ?")
                .params(args)
                .update();
        return rows == 1;
    }

    /**
     * Marks the current stage overdue with a first reminder, unless the task moved on; the watch looks at it again
     * at {@code next}.
     */
    public boolean markOverdue(Task t, String stage, Instant now, Instant next) {
        return jdbc.sql("UPDATE task SET overdue_stage = ?, reminders = 1, last_reminded_at = ?, watch_at = ?"
                                + " WHERE id = ? AND version = ? AND status = ? AND overdue_stage IS NULL")
                        .params(
                                stage,
                                Sql.ts(now),
                                Sql.ts(next),
                                t.id(),
                                t.version(),
                                t.status().name())
                        .update()
                == 1;
    }

    /** Counts one more reminder, unless the task moved on; the watch looks at it again at {@code next}. */
    public boolean remindAgain(Task t, Instant now, Instant next) {
        return jdbc.sql("UPDATE task SET reminders = reminders + 1, last_reminded_at = ?, watch_at = ?"
                                + " WHERE id = ? AND version = ? AND status = ? AND reminders = ?")
                        .params(
                                Sql.ts(now),
                                Sql.ts(next),
                                t.id(),
                                t.version(),
                                t.status().name(),
                                t.reminders())
                        .update()
                == 1;
    }

    public boolean escalate(Task t, Instant now) {
        return jdbc.sql("UPDATE task SET escalated_at = ?, last_reminded_at = ?, watch_at = NULL"
                                + " WHERE id = ? AND version = ? AND status = ? AND escalated_at IS NULL")
                        .params(
                                Sql.ts(now),
                                Sql.ts(now),
                                t.id(),
                                t.version(),
                                t.status().name())
                        .update()
                == 1;
    }

    static Task map(ResultSet rs, int row) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                rs.getString("agency_code"),
                rs.getString("instructions"),
                Priority.valueOf(rs.getString("priority")),
                TaskStatus.valueOf(rs.getString("status")),
                rs.getString("plan_code"),
                rs.getBoolean("diverted"),
                rs.getBoolean("drill"),
                Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "acknowledge_due"),
                Sql.instant(rs, "arrive_due"),
                Sql.instant(rs, "complete_due"),
                Sql.instant(rs, "acknowledged_at"),
                Sql.instant(rs, "arrived_at"),
                Sql.instant(rs, "completed_at"),
                Sql.instant(rs, "returned_at"),
                rs.getString("return_reason"),
                rs.getInt("feedback_count"),
                rs.getString("overdue_stage"),
                rs.getInt("reminders"),
                Sql.instant(rs, "last_reminded_at"),
                Sql.instant(rs, "escalated_at"),
                Sql.nullableLong(rs, "report_id"),
                rs.getInt("version"));
    }

    /** Counts and per-agency percentiles of tasks issued in [from, to), drills excluded. */
    public TaskStatistics statistics(Instant from, Instant to, Instant now) {
        return TaskStatisticsCalculator.of(issuedBetween(from, to), now);
    }
}
