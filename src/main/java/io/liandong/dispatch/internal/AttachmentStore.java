package io.liandong.dispatch.internal;

import io.liandong.dispatch.TaskAttachment;
import io.liandong.shared.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The task_attachment table: append-only, metadata read apart from the bytes. */
@Repository
public class AttachmentStore {

    private static final String METADATA =
            "id, task_id, incident_id, file_name, content_type, size_bytes, sha256," + " uploaded_by, uploaded_at";

    private final JdbcClient jdbc;

    AttachmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A photo with its bytes. */
    record Stored(TaskAttachment attachment, byte[] bytes) {}

    long insert(TaskAttachment a, byte[] bytes) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO task_attachment (task_id, incident_id, file_name, content_type, size_bytes,
                          sha256, bytes, uploaded_by, uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        a.taskId(),
                        a.incidentId(),
                        a.fileName(),
                        a.contentType(),
                        a.size(),
                        a.sha256(),
                        bytes,
                        a.uploadedBy(),
                        Sql.ts(a.uploadedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** Holds the task's row until the transaction ends, so that concurrent uploads are counted one by one. */
    void lockTask(long taskId) {
        jdbc.sql("SELECT id FROM task WHERE id = ? FOR UPDATE")
                .param(taskId)
                .query(Long.class)
                .optional();
    }

    List<TaskAttachment> ofTask(long taskId) {
        return jdbc.sql("SELECT " + METADATA + " FROM task_attachment WHERE task_id = ? ORDER BY id")
                .param(taskId)
                .query(AttachmentStore::map)
                .list();
    }

    Optional<TaskAttachment> withDigest(long taskId, String sha256) {
        return jdbc
                .sql("SELECT " + METADATA + " FROM task_attachment WHERE task_id = ? AND sha256 = ? ORDER BY id")
                .params(taskId, sha256)
                .query(AttachmentStore::map)
                .stream()
                .findFirst();
    }

    Optional<Stored> find(long taskId, long attachmentId) {
        return jdbc.sql("SELECT " + METADATA + ", bytes FROM task_attachment WHERE id = ? AND task_id = ?")
                .params(attachmentId, taskId)
                .query((rs, n) -> new Stored(map(rs, n), rs.getBytes("bytes")))
                .optional();
    }

    public int count(long taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM task_attachment WHERE task_id = ?")
                .param(taskId)
                .query(Integer.class)
                .single();
    }

    /** How many photos each of the tasks has (tasks without any are left out), one query per 500 tasks. */
    public Map<Long, Integer> counts(Collection<Long> taskIds) {
        Map<Long, Integer> counts = new HashMap<>();
        for (List<Long> slice : Sql.slices(taskIds)) {
            jdbc.sql("SELECT task_id, COUNT(*) AS n FROM task_attachment WHERE task_id IN (" + Sql.marks(slice.size())
                            + ") GROUP BY task_id")
                    .params(new ArrayList<>(slice))
                    .query(rs -> {
                        counts.put(rs.getLong("task_id"), rs.getInt("n"));
                    });
        }
        return counts;
    }

    private static TaskAttachment map(ResultSet rs, int row) throws SQLException {
        return new TaskAttachment(
                rs.getLong("id"),
                rs.getLong("task_id"),
                rs.getLong("incident_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("uploaded_by"),
                Sql.instant(rs, "uploaded_at"));
    }
}
