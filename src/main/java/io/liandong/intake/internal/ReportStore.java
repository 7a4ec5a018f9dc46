package io.liandong.intake.internal;

import io.liandong.intake.IntakeStatistics;
import io.liandong.shared.Priority;
import io.liandong.shared.Severity;
import io.liandong.shared.geo.GeoPoint;
import io.liandong.shared.persistence.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The report table. */
@Repository
public class ReportStore {

    private final JdbcClient jdbc;

    ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A report to insert. */
    public record NewReport(
            String channel,
            Instant receivedAt,
            @Nullable String callerNumber,
            @Nullable String callerName,
            @Nullable String address,
            @Nullable GeoPoint point,
            @Nullable String districtCode,
            String text,
            String category,
            @Nullable String suggestedCategory,
            @Nullable Double confidence,
            Priority priority,
            Severity severity,
            String outcome,
            long incidentId,
            boolean drill,
            @Nullable String externalRef,
            String createdBy,
            Instant createdAt,
            @Nullable String idempotencyKey,
            String requestHash,
            @Nullable String response) {}

    /** A stored report as listed. */
    public record StoredReport(
            long id,
            String channel,
            Instant receivedAt,
            @Nullable String callerNumber,
            @Nullable String callerName,
            @Nullable String address,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable String districtCode,
            String text,
            String category,
            @Nullable String suggestedCategory,
            @Nullable Double confidence,
            String priority,
            String severity,
            String outcome,
            long incidentId,
            boolean drill,
            @Nullable String externalRef,
            String createdBy) {}

    /** What an idempotency key was first used for. */
    public record KeyUse(long reportId, String requestHash, String response) {}

    public long insert(NewReport r) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO report (channel, received_at, caller_number, caller_name, address, lat, lon,
                          district_code, text, category_code, suggested_category, confidence, priority, severity,
                          outcome, incident_id, drill, external_ref, created_by, created_at, idempotency_key,
                          request_hash, response)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.channel(),
                        Sql.ts(r.receivedAt()),
                        r.callerNumber(),
                        r.callerName(),
                        r.address(),
                        r.point() == null ? null : r.point().lat(),
                        r.point() == null ? null : r.point().lon(),
                        r.districtCode(),
                        r.text(),
                        r.category(),
                        r.suggestedCategory(),
                        r.confidence(),
                        r.priority().name(),
                        r.severity().name(),
                        r.outcome(),
                        r.incidentId(),
                        r.drill(),
                        r.externalRef(),
                        r.createdBy(),
                        Sql.ts(r.createdAt()),
                        r.idempotencyKey(),
                        r.requestHash(),
                        r.response())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** What this user first sent with this key; keys are scoped to the user who sent them. */
    public Optional<KeyUse> byIdempotencyKey(String username, String key) {
        return jdbc.sql("SELECT id, request_hash, response FROM report WHERE created_by = ? AND idempotency_key = ?")
                .params(username, key)
                .query((rs, n) -> new KeyUse(rs.getLong("id"), rs.getString("request_hash"), rs.getString("response")))
                .optional();
    }

    /**
     * What this user first sent with each of these keys (at most a batch's worth), by key: one
     * lookup per key on the (user, key) index. (One query with an IN list of keys was tried: on
     * PostgreSQL its generic plan, used once the statement is prepared, reads every report of the
     * user.)
     */
    public Map<String, KeyUse> byIdempotencyKeys(String username, Collection<String> keys) {
        Map<String, KeyUse> found = new HashMap<>();
        for (String key : keys) {
            byIdempotencyKey(username, key).ifPresent(use -> found.put(key, use));
        }
        return found;
    }

    public Optional<StoredReport> find(long id) {
        return jdbc.sql("SELECT * FROM report WHERE id = ?")
                .param(id)
                .query(ReportStore::map)
                .optional();
    }

    public List<StoredReport> search(
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String channel,
            @Nullable Long incidentId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM report WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND received_at >= ?");
            args.add(Sql.ts(from));
        }
        if (to != null) {
            sql.append(" AND received_at < ?");
            args.add(Sql.ts(to));
        }
        if (channel != null) {
            sql.append(" AND channel = ?");
            args.add(channel);
        }
        if (incidentId != null) {
            sql.append(" AND incident_id = ?");
            args.add(incidentId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.sql(sql.toString()).params(args).query(ReportStore::map).list();
    }

    public IntakeStatistics statistics(Instant from, Instant to) {
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byOutcome = new TreeMap<>();
        jdbc.sql(
                        """
                        SELECT channel, outcome, COUNT(*) AS n FROM report
                        WHERE received_at >= ? AND received_at < ? AND drill = FALSE GROUP BY channel, outcome""")
                .params(Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    long n = rs.getLong("n");
                    byChannel.merge(rs.getString("channel"), n, Long::sum);
                    byOutcome.merge(rs.getString("outcome"), n, Long::sum);
                });
        long total = byChannel.values().stream().mapToLong(Long::longValue).sum();
        return new IntakeStatistics(
                total, byOutcome.getOrDefault("DIVERTED", 0L), byOutcome.getOrDefault("MERGED", 0L), byChannel);
    }

    private static StoredReport map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredReport(
                rs.getLong("id"),
                rs.getString("channel"),
                Sql.instant(rs, "received_at"),
                rs.getString("caller_number"),
                rs.getString("caller_name"),
                rs.getString("address"),
                Sql.nullableDouble(rs, "lat"),
                Sql.nullableDouble(rs, "lon"),
                rs.getString("district_code"),
                rs.getString("text"),
                rs.getString("category_code"),
                rs.getString("suggested_category"),
                Sql.nullableDouble(rs, "confidence"),
                rs.getString("priority"),
                rs.getString("severity"),
                rs.getString("outcome"),
                rs.getLong("incident_id"),
                rs.getBoolean("drill"),
                rs.getString("external_ref"),
                rs.getString("created_by"));
    }
}
