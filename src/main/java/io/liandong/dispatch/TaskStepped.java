package io.liandong.dispatch;

import java.time.Instant;

/** Published inside the transaction whenever a task takes a step (or is cancelled). */
public record TaskStepped(long taskId, long incidentId, String agency, TaskStep step, TaskStatus status, Instant at) {}
