package io.liandong.identity.internal;

import io.liandong.identity.AuditTrail;
import io.liandong.shared.AuditAction;
import io.liandong.shared.security.LoggedOut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the single-page console gets back from {@code POST /login} and {@code POST /logout}: JSON,
 * never a redirect. The login is recorded in the audit trail, and its attempt is given back to
 * the {@link LoginThrottle}; failures are recorded by {@link LoginLockout}, which sees form and
 * Basic attempts alike. Once a logout has ended its session, {@link LoggedOut} tells this node's
 * live streams of the user to check their logins at once.
 */
@Component
class LoginResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

    static final String WRONG = "username or password is wrong, or the account is disabled";
    static final String LOCKED = "the account is locked after too many failed logins; wait, or ask an administrator";

    private static final Logger log = LoggerFactory.getLogger(LoginResponses.class);

    private final AccountRepository accounts;
    private final AuditTrail audit;
    private final ProblemResponses problems;
    private final JsonMapper json;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    LoginResponses(
            AccountRepository accounts,
            AuditTrail audit,
            ProblemResponses problems,
            JsonMapper json,
            Clock clock,
            LoginThrottle throttle,
            ApplicationEventPublisher events) {
        this.throttle = throttle;
        this.events = events;
        this.accounts = accounts;
        this.audit = audit;
        this.problems = problems;
        this.json = json;
        this.clock = clock;
    }

    /** The logged-in user, as {@code POST /login} and {@code GET /api/me} answer it. */
    record Me(String username, String displayName, List<String> roles, @Nullable String agency, @Nullable String seat) {

        static Me of(AccountPrincipal principal) {
            return new Me(
                    principal.getUsername(),
                    principal.displayName(),
                    principal.roles().stream().map(Enum::name).sorted().toList(),
                    principal.agency(),
                    principal.seat());
        }
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        AccountPrincipal principal = (AccountPrincipal) authentication.getPrincipal();
        if (request.getAttribute(LoginThrottleFilter.COUNTED_IN) instanceof Long countedIn) {
            throttle.succeeded(request.getRemoteAddr(), countedIn);
        }
        audit.record(
                principal.getUsername(),
                AuditAction.LOGIN_SUCCEEDED,
                principal.getUsername(),
                "form login from " + request.getRemoteAddr());
        log.info("User {} logged in", principal.getUsername());
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Me.of(principal));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String username = request.getParameter("username");
        Instant now = clock.instant();
        Instant lockedUntil = username == null
                ? null
                : accounts.find(username)
                        .filter(account -> account.lockedAt(now))
                        .map(Account::lockedUntil)
                        .orElse(null);
        if (lockedUntil != null) {
            problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "account-locked",
                    "Account locked",
                    LOCKED,
                    Map.of("lockedUntil", lockedUntil.toString()));
        } else {
            problems.write(response, HttpStatus.UNAUTHORIZED, "login-failed", "Login failed", WRONG);
        }
    }

    @Override
    public void logout(
            HttpServletRequest request, HttpServletResponse response, @Nullable Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            audit.record(principal.getUsername(), AuditAction.LOGGED_OUT, principal.getUsername(), null);
            log.info("User {} logged out", principal.getUsername());
        }
    }

    /**
     * Spring Security publishes this after all logout handlers have run, so after the session was
     * invalidated (which deletes its row): a stream of that session now fails its login check,
     * while the user's other sessions pass theirs.
     */
    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
            events.publishEvent(new LoggedOut(principal.getUsername()));
        }
    }
}
