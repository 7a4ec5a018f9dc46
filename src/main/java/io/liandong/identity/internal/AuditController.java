package io.liandong.identity.internal;

import io.liandong.identity.AuditEntry;
import io.liandong.identity.AuditTrail;
import io.liandong.shared.AuditAction;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit trail, newest first, read only (ADMIN). */
@RestController
class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    List<AuditEntry> find(
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit, AuditTrail.MAX_LIMIT);
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problem.invalid("to", "must be after from (" + from + ")", to);
        }
        return audit.find(from, to, action(action), target, limit);
    }

    /**
     * The action filter, in any case: blank is none; an unknown one (a typo) is refused, rather
     * than answered with nothing as if it had no rows.
     */
    private static @Nullable AuditAction action(@Nullable String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        String code = action.strip().toUpperCase(Locale.ROOT);
        for (AuditAction known : AuditAction.values()) {
            if (known.name().equals(code)) {
                return known;
            }
        }
        throw Problem.invalid(
                "action",
                "no such audit action '" + Problem.clip(code) + "'; the actions are "
                        + Arrays.stream(AuditAction.values()).map(Enum::name).collect(Collectors.joining(", ")),
                Problem.clip(code));
    }
}
