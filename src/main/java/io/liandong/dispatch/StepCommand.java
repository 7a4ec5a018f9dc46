package io.liandong.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A step on a task as asked: the version the agency saw, when it happened (default now; a
 * replay of a recorded log gives the log's time), a text (report-back) or reason (return).
 */
public record StepCommand(int version, @Nullable Instant at, @Nullable String text) {}
