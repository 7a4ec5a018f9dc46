package io.liandong.notify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification. {@code recipient} is a role name ({@code LEADER}, {@code COMMANDER}) or an
 * agency code; {@code kind} says why ({@code SERIOUS_INCIDENT}, {@code TASK_REMINDED},
 * {@code TASK_ESCALATED}, {@code TASK_RETURNED}).
 */
public record Notification(
        long id,
        @Nullable Long incidentId,
        @Nullable Long taskId,
        String recipient,
        String kind,
        String message,
        Instant createdAt,
        @Nullable Instant readAt,
        @Nullable String readBy) {}
