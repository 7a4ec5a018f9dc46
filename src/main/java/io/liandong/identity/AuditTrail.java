package io.liandong.identity;

import io.liandong.shared.AuditAction;
import io.liandong.shared.security.CurrentActor;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail of the center: logins, lock-outs, user and permission changes, and
 * the configuration changes other modules record (agencies, plans, categories). The database
 * refuses UPDATE and DELETE on it; a correction is a new row.
 */
@Service
public class AuditTrail {

    /** The most rows {@link #find} answers at once. */
    public static final int MAX_LIMIT = 1000;

    private static final RowMapper<AuditEntry> ENTRY = (rs, n) -> new AuditEntry(
            rs.getLong("id"),
            rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"),
            rs.getString("action"),
            rs.getString("target"),
            rs.getString("detail"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentActor actors;

    AuditTrail(JdbcClient jdbc, Clock clock, CurrentActor actors) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.actors = actors;
    }

    /**
     * Records that the acting user of this request (or {@code system}) did {@code action}, in the
     * caller's transaction when there is one, so the row and the change commit together.
     *
     * @param action what was done
     * @param target what was acted on, such as a username or an agency code
     * @param detail what changed, old to new; never a password, token or caller's personal data
     */
    @Transactional
    public void record(AuditAction action, @Nullable String target, @Nullable String detail) {
        record(actors.get().username(), action, target, detail);
    }

    /** Records an action by a named actor (used where no user is logged in yet, as for a login). */
    @Transactional
    public void record(String actor, AuditAction action, @Nullable String target, @Nullable String detail) {
        jdbc.sql("INSERT INTO audit_event (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
                .params(utc(clock.instant()), cut(actor, 100), action.name(), cut(target, 200), cut(detail, 4000))
                .update();
    }

    /**
     * The newest rows first, optionally limited to a time range, an action and a target.
     *
     * @param limit how many rows at most, 1 to {@value #MAX_LIMIT}
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable AuditAction action,
            @Nullable String target,
            int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(utc(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(utc(to));
        }
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action.name());
        }
        if (target != null) {
            sql.append(" AND target = ?");
            params.add(target);
        }
        params.add(limit);
        return jdbc.sql(sql.append(" ORDER BY id DESC LIMIT ?").toString())
                .params(params)
                .query(ENTRY)
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
