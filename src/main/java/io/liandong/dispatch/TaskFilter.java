package io.liandong.dispatch;

import org.jspecify.annotations.Nullable;

/** Filters for listing tasks; null means any. {@code overdue} keeps tasks past their current deadline. */
public record TaskFilter(
        @Nullable TaskStatus status,
        @Nullable String agency,
        @Nullable Long incidentId,
        boolean activeOnly,
        boolean overdue,
        int limit) {}
