package io.liandong.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of the audit trail: who did what to which target, when. Never changed once written. */
public record AuditEntry(
        long id, Instant at, String actor, String action, @Nullable String target, @Nullable String detail) {}
