package io.liandong.dispatch;

import java.time.Instant;

/**
 * A photo an agency attached to its task when reporting back: what it is and who sent it when.
 * The bytes are fetched on their own ({@code GET /api/tasks/{id}/attachments/{attachmentId}}).
 */
public record TaskAttachment(
        long id,
        long taskId,
        long incidentId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        String uploadedBy,
        Instant uploadedAt) {}
