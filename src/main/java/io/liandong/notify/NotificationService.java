package io.liandong.notify;

import io.liandong.shared.persistence.Sql;
import io.liandong.shared.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores notifications for roles and agencies and lets them be read. */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private static final RowMapper<Notification> ROW = (rs, n) -> new Notification(
            rs.getLong("id"),
            Sql.nullableLong(rs, "incident_id"),
            Sql.nullableLong(rs, "task_id"),
            rs.getString("recipient"),
            rs.getString("kind"),
            rs.getString("message"),
            Sql.instant(rs, "created_at"),
            Sql.instant(rs, "read_at"),
            rs.getString("read_by"));

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a notification in the caller's transaction. */
    @Transactional
    public void send(String recipient, String kind, @Nullable Long incidentId, @Nullable Long taskId, String message) {
        jdbc.sql(
                        """
                        INSERT INTO notification (incident_id, task_id, recipient, kind, message, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(incidentId, taskId, recipient, kind, message, Sql.ts(clock.instant()))
                .update();
        log.info("Notified {} of {} for incident {} task {}", recipient, kind, incidentId, taskId);
    }

    /** Newest first, for one recipient (a role name or an agency code). */
    @Transactional(readOnly = true)
    public List<Notification> forRecipient(String recipient, boolean unreadOnly, int limit) {
        return jdbc.sql("SELECT * FROM notification WHERE recipient = ? AND (? = FALSE OR read_at IS NULL)"
                        + " ORDER BY id DESC LIMIT ?")
                .params(recipient, unreadOnly, limit)
                .query(ROW)
                .list();
    }

    /** Notifications about one incident, oldest first. */
    @Transactional(readOnly = true)
    public List<Notification> forIncident(long incidentId) {
        return jdbc.sql("SELECT * FROM notification WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(ROW)
                .list();
    }

    @Transactional(readOnly = true)
    public Notification find(long id) {
        return jdbc.sql("SELECT * FROM notification WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional()
                .orElseThrow(() -> Problem.notFound("notification", id));
    }

    /** Marks a notification read; reading twice keeps the first reader. */
    @Transactional
    public Notification markRead(long id, String reader) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE notification SET read_at = ?, read_by = ? WHERE id = ? AND read_at IS NULL")
                .params(Sql.ts(now), reader, id)
                .update();
        return find(id);
    }
}
