package io.liandong.record;

import io.liandong.record.internal.EntryWriter;
import io.liandong.record.internal.TransactionEntries;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to and reads incident records. Appending must happen inside the caller's transaction;
 * the transaction's entries are written together just before it commits, and published then, each
 * as {@link RecordAppended} and all together as {@link RecordCommitted}. A read in a transaction
 * that appended writes its entries first, so it sees them.
 */
@Service
public class RecordService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionEntries committed;

    RecordService(JdbcClient jdbc, Clock clock, TransactionEntries committed) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.committed = committed;
    }

    /**
     * Appends one entry in the current transaction. It is written, with the transaction's other
     * entries in one statement, just before the transaction commits (or when the transaction
     * reads the record); then it is published as {@link RecordAppended}, and with the others as
     * {@link RecordCommitted}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(NewEntry entry) {
        committed.add(new RecordEntry(
                0L,
                entry.incidentId(),
                entry.occurredAt(),
                clock.instant(),
                entry.actor(),
                entry.seat(),
                entry.type(),
                entry.taskId(),
                entry.agency(),
                entry.reason(),
                entry.detail()));
    }

    /**
     * Writes the entries this transaction has appended so far now, instead of just before it
     * commits, and publishes them. For a caller that must know they are stored before it commits:
     * a failure to write them is then this call's, not the commit's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void flush() {
        committed.flush();
    }

    /** The record of one incident, in the order it was written. */
    @Transactional(readOnly = true)
    public List<RecordEntry> of(long incidentId) {
        committed.flush();
        return jdbc.sql("SELECT * FROM incident_event WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(EntryWriter.ROW)
                .list();
    }

    /**
     * When the latest entry of an incident's record took place (its {@code occurredAt}), or empty
     * when the record holds none: an order dated earlier would contradict it.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> latestOccurrence(long incidentId) {
        committed.flush();
        return jdbc.sql("SELECT MAX(occurred_at) FROM incident_event WHERE incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    /** Entries written after {@code afterId}, oldest first, at most {@code limit}: for resynchronising consoles. */
    @Transactional(readOnly = true)
    public List<RecordEntry> since(long afterId, int limit) {
        committed.flush();
        return jdbc.sql("SELECT * FROM incident_event WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query(EntryWriter.ROW)
                .list();
    }

    /** The id of the newest entry, or 0 when the record is empty. */
    @Transactional(readOnly = true)
    public long lastId() {
        committed.flush();
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM incident_event")
                .query(Long.class)
                .single();
    }
}
