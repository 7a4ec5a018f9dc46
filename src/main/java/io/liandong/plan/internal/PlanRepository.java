package io.liandong.plan.internal;

import io.liandong.plan.Plan;
import io.liandong.plan.PlanTask;
import io.liandong.shared.AuditAction;
import io.liandong.shared.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hand-written SQL on the plan and plan_task tables, and the audit rows their changes write. */
@Repository
public class PlanRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    PlanRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Versioned<Plan>> plans() {
        Map<String, List<PlanTask>> tasks = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM plan_task ORDER BY plan_code, seq").query(rs -> {
            tasks.computeIfAbsent(rs.getString("plan_code"), k -> new ArrayList<>())
                    .add(task(rs));
        });
        return jdbc.sql("SELECT * FROM plan ORDER BY code")
                .query((rs, n) -> plan(rs, tasks.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }

    Optional<Versioned<Plan>> plan(String code) {
        List<PlanTask> tasks = jdbc.sql("SELECT * FROM plan_task WHERE plan_code = ? ORDER BY seq")
                .param(code)
                .query((rs, n) -> task(rs))
                .list();
        return jdbc.sql("SELECT * FROM plan WHERE code = ?")
                .param(code)
                .query((rs, n) -> plan(rs, tasks))
                .optional();
    }

    void insert(Plan plan) {
        jdbc.sql(
                        """
                        INSERT INTO plan (code, name_zh, name_en, category_code, min_severity, notify, version)
                        VALUES (?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        plan.code(),
                        plan.nameZh(),
                        plan.nameEn(),
                        plan.categoryCode(),
                        plan.minSeverity().name(),
                        String.join(",", plan.recipients()))
                .update();
        insertTasks(plan);
    }

    /** Writes the plan and replaces its tasks if its row still has {@code version}; false when it does not. */
    boolean update(Plan plan, int version) {
        int rows = jdbc.sql(
                        """
                        UPDATE plan SET name_zh = ?, name_en = ?, category_code = ?, min_severity = ?, notify = ?,
                               version = version + 1
                        WHERE code = ? AND version = ?""")
                .params(
                        plan.nameZh(),
                        plan.nameEn(),
                        plan.categoryCode(),
                        plan.minSeverity().name(),
                        String.join(",", plan.recipients()),
                        plan.code(),
                        version)
                .update();
        if (rows != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM plan_task WHERE plan_code = ?").param(plan.code()).update();
        insertTasks(plan);
        return true;
    }

    /** Rows and the sum of their versions: changes whenever a row is added or changed (none is deleted). */
    String fingerprint() {
        return count("plan");
    }

    private String count(String table) {
        return jdbc.sql("SELECT CAST(COUNT(*) AS VARCHAR) || ':' || CAST(COALESCE(SUM(version), 0) AS VARCHAR) FROM "
                        + table)
                .query(String.class)
                .single();
    }
    /** Appends to the audit trail, in the caller's transaction. */
    void audit(String actor, AuditAction action, String target, String detail) {
        jdbc.sql("INSERT INTO audit_event (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action.name(), target, Audit.shorten(detail))
                .update();
    }

    private void insertTasks(Plan plan) {
        for (PlanTask task : plan.tasks()) {
            jdbc.sql(
                            """
                            INSERT INTO plan_task (plan_code, seq, agency_code, task_zh, task_en,
                                                   acknowledge_s, arrive_s, complete_s)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            plan.code(),
                            task.seq(),
                            task.agencyCode(),
                            task.taskZh(),
                            task.taskEn(),
                            seconds(task.acknowledgeWithin()),
                            seconds(task.arriveWithin()),
                            seconds(task.completeWithin()))
                    .update();
        }
    }

    private static Versioned<Plan> plan(ResultSet rs, List<PlanTask> tasks) throws SQLException {
        String notify = rs.getString("notify");
        return new Versioned<>(
                new Plan(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("category_code"),
                        Severity.valueOf(rs.getString("min_severity")),
                        notify == null || notify.isBlank()
                                ? List.of()
                                : Arrays.stream(notify.split(","))
                                        .map(String::strip)
                                        .toList(),
                        tasks),
                rs.getInt("version"));
    }

    private static PlanTask task(ResultSet rs) throws SQLException {
        return new PlanTask(
                rs.getInt("seq"),
                rs.getString("agency_code"),
                rs.getString("task_zh"),
                rs.getString("task_en"),
                duration(rs, "acknowledge_s"),
                duration(rs, "arrive_s"),
                duration(rs, "complete_s"));
    }

    private static @Nullable Duration duration(ResultSet rs, String column) throws SQLException {
        int seconds = rs.getInt(column);
        return rs.wasNull() ? null : Duration.ofSeconds(seconds);
    }

    private static @Nullable Integer seconds(@Nullable Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toSeconds());
    }
}
