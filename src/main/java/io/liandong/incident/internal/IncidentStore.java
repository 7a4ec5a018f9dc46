package io.liandong.incident.internal;

import io.liandong.incident.Incident;
import io.liandong.incident.IncidentKind;
import io.liandong.incident.IncidentStatus;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import io.liandong.shared.persistence.Sql;
import io.liandong.shared.persistence.SqlCondition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incident table. Commanders' changes are conditional on the version they saw. */
@Repository
public class IncidentStore {

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Incident i) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO incident (kind, category_code, priority, severity, status, title, address, lat, lon,
                          district_code, opened_at, last_report_at, plan_code, in_command, report_count, drill)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        i.kind().name(),
                        i.categoryCode(),
                        i.priority().name(),
                        i.severity().name(),
                        i.status().name(),
                        i.title(),
                        i.address(),
                        i.lat(),
                        i.lon(),
                        i.districtCode(),
                        Sql.ts(i.openedAt()),
                        Sql.ts(i.lastReportAt()),
                        i.planCode(),
                        i.inCommand(),
                        i.reportCount(),
                        i.drill())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public Optional<Incident> find(long id) {
        return jdbc.sql("SELECT * FROM incident WHERE id = ?")
                .param(id)
                .query(IncidentStore::map)
                .optional();
    }

    /**
     * Open emergency incidents of a category whose last report falls in the window and that could lie
     * within {@code meters} of {@code near}: those inside a bounding box around the point, plus those
     * without a point (matched by address). Without a point, only incidents with an address can match.
     */
    public List<Incident> mergeCandidates(
            String category, boolean drill, Instant earliest, Instant latest, @Nullable GeoPoint near, double meters) {
        String open = "SELECT * FROM incident WHERE status = 'OPEN' AND category_code = ? AND kind = 'EMERGENCY'"
                + " AND drill = ?";
        String window = " AND last_report_at >= ? AND opened_at <= ?";
        List<Object> params = new ArrayList<>(List.of(category, drill, Sql.ts(earliest), Sql.ts(latest)));
        if (near == null) {
            return jdbc.sql(open + window + " AND address IS NOT NULL ORDER BY id")
                    .params(params)
                    .query(IncidentStore::map)
                    .list();
        }
        // Two halves, each reading only its part of the (status, category_code, lat) index: incidents
        // without a point, and the band of latitudes of the box. The box's half leaves the window to
        // the check below, so that the database has no reason to prefer the index on last_report_at
        // (which reads every open incident of the category in the window).
        params.addAll(List.of(category, drill));
        String sql = open + " AND lat IS NULL" + window + " UNION ALL " + open + " AND " + box(params, near, meters);
        return jdbc.sql(sql + " ORDER BY id").params(params).query(IncidentStore::map).list().stream()
                .filter(i ->
                        !i.lastReportAt().isBefore(earliest) && !i.openedAt().isAfter(latest))
                .toList();
    }

    /**
     * Open emergency incidents with a point inside the box around {@code near} that holds the circle
     * of {@code meters}; {@code category} takes the categories below it too. The caller checks the
     * exact distance.
     */
    public List<Incident> openEmergenciesNear(@Nullable String category, GeoPoint near, double meters) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incident WHERE status = 'OPEN'");
        List<Object> args = new ArrayList<>();
        where(sql, args, new Filter(IncidentKind.EMERGENCY, category, null, null, null, null, null, null));
        sql.append(" AND ").append(box(args, near, meters));
        return jdbc.sql(sql.toString()).params(args).query(IncidentStore::map).list();
    }

    /** A condition on lat/lon: a box a little larger than the circle of {@code meters} around the point. */
    private static String box(List<Object> params, GeoPoint near, double meters) {
        double dLat = meters * 1.05 / GeoPoint.METERS_PER_DEGREE;
        double cos = Math.cos(Math.toRadians(near.lat()));
        double dLon = cos > 0.01 ? dLat / cos : 360;
        params.add(near.lat() - dLat);
        params.add(near.lat() + dLat);
        if (near.lon() - dLon <= -180 || near.lon() + dLon >= 180) {
            return "(lat BETWEEN ? AND ?)";
        }
        params.add(near.lon() - dLon);
        params.add(near.lon() + dLon);
        return "(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)";
    }

    /** Locks these incidents' rows until the transaction ends, in the order of their ids. */
    public void lockRows(SortedSet<Long> ids) {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.sql("SELECT id FROM incident WHERE id IN (" + marks + ") ORDER BY id FOR UPDATE")
                .params(new ArrayList<>(ids))
                .query(Long.class)
                .list();
    }

    /** Counts a report joined to the incident, if it is still open; false when it is not (closed meanwhile). */
    public boolean mergedIfOpen(long id, Instant reportAt) {
        return jdbc.sql(
                                """
                        UPDATE incident SET report_count = report_count + 1,
                          last_report_at = CASE WHEN last_report_at < ? THEN ? ELSE last_report_at END
                        WHERE id = ? AND status = 'OPEN'""")
                        .params(Sql.ts(reportAt), Sql.ts(reportAt), id)
                        .update()
                == 1;
    }

    /** Applies a change the commander ordered; false when the incident changed since {@code version}. */
    public boolean change(long id, int version, String assignments, Object... values) {
        List<Object> args = new ArrayList<>(List.of(values));
        args.add(id);
        args.add(version);
        return jdbc.sql("UPDATE incident SET " + assignments + ", version = version + 1 WHERE id = ? AND version = ?")
                        .params(args)
                        .update()
                == 1;
    }

    /** Locks the row and checks it is still at {@code version} (and open), changing nothing. */
    public boolean hold(long id, int version, boolean mustBeOpen) {
        String open = mustBeOpen ? " AND status = 'OPEN'" : "";
        return jdbc.sql("UPDATE incident SET version = version WHERE id = ? AND version = ?" + open)
                        .params(id, version)
                        .update()
                == 1;
    }

    /** Closes a service case without a commander (its last task completed); idempotent. */
    public boolean closeIfOpen(long id, Instant at) {
        return jdbc.sql("UPDATE incident SET status = 'CLOSED', closed_at = ?, version = version + 1"
                                + " WHERE id = ? AND status = 'OPEN'")
                        .params(Sql.ts(at), id)
                        .update()
                == 1;
    }

    /**
     * The filters the board's list and counters share; null means any. {@code categoryIn} is the
     * set a zone or platform handles; {@code district} matches the code and the divisions below it;
     * {@code text} is an incident id or a piece of its title or address, any case; {@code tasked}
     * is the dispatch module's condition on {@code incident.id} for the incidents an agency is
     * tasked on.
     */
    public record Filter(
            @Nullable IncidentKind kind,
            @Nullable String category,
            @Nullable Collection<String> categoryIn,
            @Nullable Severity severity,
            @Nullable String district,
            @Nullable Priority priority,
            @Nullable String text,
            @Nullable SqlCondition tasked) {}

    /** The column a {@link Filter#tasked} condition is asked for. */
    public static final String ID_COLUMN = "incident.id";

    /**
     * Incidents matching the filters (null means any), most urgent first, at most {@code limit}:
     * every filter applies in the query, before the limit.
     */
    public List<Incident> search(
            @Nullable IncidentStatus status,
            Filter filter,
            @Nullable Instant openedFrom,
            @Nullable Instant openedTo,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incident WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        where(sql, args, filter);
        if (openedFrom != null) {
            sql.append(" AND opened_at >= ?");
            args.add(Sql.ts(openedFrom));
        }
        if (openedTo != null) {
            sql.append(" AND opened_at < ?");
            args.add(Sql.ts(openedTo));
        }
        sql.append(" ORDER BY priority, opened_at DESC LIMIT ?");
        args.add(limit);
        return jdbc.sql(sql.toString()).params(args).query(IncidentStore::map).list();
    }

    /** The board's counters of incidents: open, P1 and duty-leader command among them, opened since. */
    public record BoardTally(long open, long p1, long leaderCommand, long openedSince) {}

    /**
     * Counts every incident matching the filters that is open or was opened at or after
     * {@code since}, however many, in one aggregate query.
     */
    public BoardTally boardTally(Filter filter, Instant since) {
        StringBuilder sql = new StringBuilder(
                """
                SELECT COUNT(CASE WHEN status = 'OPEN' THEN 1 END) AS open_count,
                  COUNT(CASE WHEN status = 'OPEN' AND priority = 'P1' THEN 1 END) AS p1_count,
                  COUNT(CASE WHEN status = 'OPEN' AND in_command = 'LEADER' THEN 1 END) AS leader_count,
                  COUNT(CASE WHEN opened_at >= ? THEN 1 END) AS since_count
                FROM incident WHERE (status = 'OPEN' OR opened_at >= ?)""");
        List<Object> args = new ArrayList<>(List.of(Sql.ts(since), Sql.ts(since)));
        where(sql, args, filter);
        return jdbc.sql(sql.toString())
                .params(args)
                .query((rs, n) -> new BoardTally(
                        rs.getLong("open_count"),
                        rs.getLong("p1_count"),
                        rs.getLong("leader_count"),
                        rs.getLong("since_count")))
                .single();
    }

    /**
     * A sub-select of the ids of the open incidents matching the filters, for another module's
     * query (the board's task counters): the database reads them, not this node.
     */
    public SqlCondition openIncidentIds(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT id FROM incident WHERE status = 'OPEN'");
        List<Object> args = new ArrayList<>();
        where(sql, args, filter);
        return new SqlCondition(sql.toString(), args);
    }

    private static void where(StringBuilder sql, List<Object> args, Filter filter) {
        if (filter.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(filter.kind().name());
        }
        if (filter.category() != null) {
            sql.append(" AND (category_code = ? OR category_code LIKE ? ESCAPE '\\')");
            args.add(filter.category());
            args.add(Sql.likeLiteral(filter.category()) + "-%");
        }
        if (filter.categoryIn() != null) {
            sql.append(" AND category_code IN (")
                    .append(Sql.marks(filter.categoryIn().size()))
                    .append(")");
            args.addAll(filter.categoryIn());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = ?");
            args.add(filter.severity().name());
        }
        if (filter.district() != null) {
            sql.append(" AND district_code LIKE ?");
            args.add(filter.district() + "%");
        }
        if (filter.priority() != null) {
            sql.append(" AND priority = ?");
            args.add(filter.priority().name());
        }
        if (filter.text() != null) {
            String pattern = "%" + Sql.likeLiteral(filter.text().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(address, '')) LIKE ? ESCAPE '\\'");
            args.add(pattern);
            args.add(pattern);
            if (filter.text().chars().allMatch(c -> c >= '0' && c <= '9')
                    && filter.text().length() <= 18) {
                sql.append(" OR id = ?");
                args.add(Long.parseLong(filter.text()));
            }
            sql.append(")");
        }
        if (filter.tasked() != null) {
            sql.append(" AND (").append(filter.tasked().sql()).append(")");
            args.addAll(filter.tasked().params());
        }
    }

    /** Non-drill incidents opened in [from, to). */
    public List<Incident> openedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM incident WHERE opened_at >= ? AND opened_at < ? AND drill = FALSE")
                .params(Sql.ts(from), Sql.ts(to))
                .query(IncidentStore::map)
                .list();
    }

    static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(
                rs.getLong("id"),
                IncidentKind.valueOf(rs.getString("kind")),
                rs.getString("category_code"),
                Priority.valueOf(rs.getString("priority")),
                Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("title"),
                rs.getString("address"),
                Sql.nullableDouble(rs, "lat"),
                Sql.nullableDouble(rs, "lon"),
                rs.getString("district_code"),
                Sql.instant(rs, "opened_at"),
                Sql.instant(rs, "last_report_at"),
                Sql.instant(rs, "closed_at"),
                rs.getString("plan_code"),
                rs.getString("in_command"),
                rs.getInt("report_count"),
                rs.getBoolean("drill"),
                rs.getInt("version"));
    }
}
