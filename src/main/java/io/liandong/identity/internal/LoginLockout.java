package io.liandong.identity.internal;

import io.liandong.identity.AuditTrail;
import io.liandong.shared.AuditAction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Locks an account after too many failed password logins (form or Basic) within a window, and
 * records every failure and lock in the audit trail. Listens to the authentication events that
 * the center's authentication manager publishes synchronously, so the lock is in place before the
 * failed request is answered.
 */
@Component
class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final AccountRepository accounts;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdentityProperties.Lockout rule;

    LoginLockout(AccountRepository accounts, AuditTrail audit, Clock clock, IdentityProperties properties) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.rule = properties.lockout();
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt)) {
            return;
        }
        String from = remoteAddress(attempt);
        Optional<Account> account = accounts.find(attempt.getName());
        if (account.isEmpty()) {
            // The attempted name is not recorded: people sometimes type their password into it.
            audit.record(AuditActions.ANONYMOUS, AuditAction.LOGIN_FAILED, null, "unknown username from " + from);
            log.warn("Login failed for an unknown username from {}", from);
            return;
        }
        String username = account.get().username();
        String reason = reason(event);
        audit.record(AuditActions.ANONYMOUS, AuditAction.LOGIN_FAILED, username, reason + " from " + from);
        log.warn("Login failed for user {} from {}: {}", username, from, reason);
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            countFailure(username);
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // Most logins follow no failure: they skip the write (one statement per HTTP Basic request).
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal
                && principal.failuresPending()) {
            accounts.clearFailures(principal.getUsername());
        }
    }

    private void countFailure(String username) {
        Instant now = clock.instant();
        int failures = accounts.countFailure(username, now, now.minus(rule.window()));
        if (failures < rule.maxFailures()) {
            return;
        }
        Instant until = now.plus(rule.duration());
        if (accounts.lockIfReached(username, rule.maxFailures(), until)) {
            audit.record(
                    AuditActions.SYSTEM,
                    AuditAction.ACCOUNT_LOCKED,
                    username,
                    failures + " failed logins within " + rule.window() + "; locked until " + until);
            log.warn("Locked user {} until {} after {} failed logins", username, until, failures);
        }
    }

    private static String reason(AbstractAuthenticationFailureEvent event) {
        return switch (event.getException().getClass().getSimpleName()) {
            case "BadCredentialsException", "UsernameNotFoundException" -> "wrong password";
            case "LockedException" -> "account locked";
            case "DisabledException" -> "account disabled";
            default -> "refused";
        };
    }

    private static String remoteAddress(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details
                ? String.valueOf(details.getRemoteAddress())
                : "an unknown address";
    }
}
