package io.liandong.record.internal;

import io.liandong.record.RecordCommitted;
import io.liandong.record.RecordEntry;
import io.liandong.shared.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Writes record entries to {@code incident_event}: all the entries it is given in one multi-row
 * {@code INSERT}, so one statement and one round trip to the database however many entries a
 * transaction appended (a report that activates a plan appends nine); and the mapping of a stored
 * row back to an entry ({@link #ROW}), for the record's reads.
 */
@Component
public class EntryWriter {

    /** The most rows one statement writes (ten parameters each, far below any driver's limit). */
    static final int MAX_ROWS = RecordCommitted.MAX_ENTRIES;

    private static final String INSERT =
            """
            INSERT INTO incident_event
              (incident_id, occurred_at, recorded_at, actor, seat, type, task_id, agency_code, reason, detail)
            VALUES\s""";

    /** Reads one row of {@code incident_event} back as an entry. */
    public static final RowMapper<RecordEntry> ROW = (rs, n) -> new RecordEntry(
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

    private final JdbcTemplate jdbc;

    EntryWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the entries in the given order and answers them with their ids, in the same order
     * ({@link Sql#idsInRowOrder}).
     *
     * @param entries 1 to {@link #MAX_ROWS} entries; their ids are ignored
     */
    public List<RecordEntry> write(List<RecordEntry> entries) {
        if (entries.isEmpty() || entries.size() > MAX_ROWS) {
            throw new IllegalArgumentException("one write holds 1 to " + MAX_ROWS + " entries, was " + entries.size());
        }
        String sql = INSERT + Sql.rows(entries.size(), 10);
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement insert = connection.prepareStatement(sql, new String[] {"id"});
                    int column = 1;
                    for (RecordEntry entry : entries) {
                        column = bind(insert, column, entry);
                    }
                    return insert;
                },
                keys);
        List<Long> ids = Sql.idsInRowOrder(keys, entries.size());
        List<RecordEntry> written = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RecordEntry e = entries.get(i);
            written.add(new RecordEntry(
                    ids.get(i),
                    e.incidentId(),
                    e.occurredAt(),
                    e.recordedAt(),
                    e.actor(),
                    e.seat(),
                    e.type(),
                    e.taskId(),
                    e.agency(),
                    e.reason(),
                    e.detail()));
        }
        return written;
    }

    /** Binds one entry's ten values with their types, so no driver has to ask the database for them. */
    private static int bind(PreparedStatement insert, int first, RecordEntry entry) throws SQLException {
        int column = first;
        insert.setLong(column++, entry.incidentId());
        insert.setTimestamp(column++, Timestamp.from(entry.occurredAt()));
        insert.setTimestamp(column++, Timestamp.from(entry.recordedAt()));
        insert.setString(column++, entry.actor());
        text(insert, column++, entry.seat());
        insert.setString(column++, entry.type());
        if (entry.taskId() == null) {
            insert.setNull(column++, Types.BIGINT);
        } else {
            insert.setLong(column++, entry.taskId());
        }
        text(insert, column++, entry.agency());
        text(insert, column++, entry.reason());
        text(insert, column++, entry.detail());
        return column;
    }

    private static void text(PreparedStatement insert, int column, @Nullable String value) throws SQLException {
        if (value == null) {
            insert.setNull(column, Types.VARCHAR);
        } else {
            insert.setString(column, value);
        }
    }
}
