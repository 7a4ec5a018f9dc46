package io.liandong.record;

import io.liandong.record.internal.TransactionEntries;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to and reads incident records. Appending must happen inside the caller's transaction;
 * each entry is published as {@link RecordAppended} at once, and all entries of the transaction
 * together as {@link RecordCommitted} just before it commits.
 */
@Service
public class RecordService {

    private static final RowMapper<RecordEntry> ENTRY = (rs, n) -> new RecordEntry(
            rs.getLong("id"),
            rs.getLong("incident_id"),
            rs.getTimestamp("occurred_at").toInstant(),
            rs.getTimestamp("recorded_at").toInstant(),
            rs.getString("actor"),
            rs.getString("seat"),
            rs.getString("type"),
            (Long) rs.getObject("task_id", Long.class),
            rs.getString("agency_code"),
            rs.getString("reason"),
            rs.getString("detail"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionEntries committed;

    RecordService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, TransactionEntries committed) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.committed = committed;
    }

    /**
     * Appends one entry in the current transaction, publishes {@link RecordAppended} and adds the
     * entry to the transaction's {@link RecordCommitted}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RecordEntry append(NewEntry entry) {
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO incident_event
                          (incident_id, occurred_at, recorded_at, actor, seat, type,
                           task_id, agency_code, reason, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        entry.incidentId(),
                        Timestamp.from(entry.occurredAt()),
                        Timestamp.from(now),
                        entry.actor(),
                        entry.seat(),
                        entry.type(),
                        entry.taskId(),
                        entry.agency(),
                        entry.reason(),
                        entry.detail())
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class) != null ? keys.getKeyAs(Long.class) : 0L;
        RecordEntry stored = new RecordEntry(
                id,
                entry.incidentId(),
                entry.occurredAt(),
                now,
                entry.actor(),
                entry.seat(),
                entry.type(),
                entry.taskId(),
                entry.agency(),
                entry.reason(),
                entry.detail());
        events.publishEvent(new RecordAppended(stored));
        committed.add(stored);
        return stored;
    }

    /** The record of one incident, in the order it was written. */
    @Transactional(readOnly = true)
    public List<RecordEntry> of(long incidentId) {
        return jdbc.sql("SELECT * FROM incident_event WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(ENTRY)
                .list();
    }

    /** Entries written after {@code afterId}, oldest first, at most {@code limit}: for resynchronising consoles. */
    @Transactional(readOnly = true)
    public List<RecordEntry> since(long afterId, int limit) {
        return jdbc.sql("SELECT * FROM incident_event WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query(ENTRY)
                .list();
    }

    /** The id of the newest entry, or 0 when the record is empty. */
    @Transactional(readOnly = true)
    public long lastId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM incident_event")
                .query(Long.class)
                .single();
    }
}
