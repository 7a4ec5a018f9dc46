package io.liandong.identity.internal;

import io.liandong.identity.AuditEntry;
import io.liandong.identity.AuditTrail;
import io.liandong.shared.web.PageLimit;
import io.liandong.shared.web.Problem;
import java.time.Instant;
import java.util.List;
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
        return audit.find(from, to, action, target, limit);
    }
}
