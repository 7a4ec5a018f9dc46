package io.liandong.identity.internal;

import io.liandong.shared.web.DatabaseOutage;
import io.liandong.shared.web.ProblemBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 401, 403, 429 and 503 from the security filters as RFC 9457 problem details, never as a
 * redirect or an HTML page. A Basic challenge is sent only to a client that tried Basic itself,
 * so a browser never pops up its own password dialog.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final JsonMapper json;
    private final LoginThrottle throttle;
    private final AccountRepository accounts;
    private final java.time.Clock clock;

    ProblemResponses(JsonMapper json, LoginThrottle throttle, AccountRepository accounts, java.time.Clock clock) {
        this.json = json;
        this.throttle = throttle;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (DatabaseOutage.causedBy(failure)) {
            // The credentials could not be looked up, so they were not tried: nothing to count.
            DatabaseOutage.answer(json, request, response, failure);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not logged in", notLoggedIn(request));
            return;
        }
        try {
            throttle.failed(request.getRemoteAddr());
        } catch (LoginThrottle.CountUnavailable e) {
            countUnavailable(response, e);
            return;
        }
        if (startsWith(authorization, "Bearer ")) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "invalid-token",
                    "Invalid API token",
                    "the API token is unknown" + " or revoked, or its user is disabled");
            return;
        }
        if (startsWith(authorization, "Basic ") && request.getHeader("X-Requested-With") == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Liandong\", charset=\"UTF-8\"");
        }
        if (failure instanceof LockedException) {
            java.time.Instant until = lockedUntil(authorization);
            if (until != null) {
                write(
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "account-locked",
                        "Account locked",
                        LoginResponses.LOCKED,
                        java.util.Map.of("lockedUntil", until.toString()));
            } else {
                write(response, HttpStatus.UNAUTHORIZED, "account-locked", "Account locked", LoginResponses.LOCKED);
            }
        } else {
            write(response, HttpStatus.UNAUTHORIZED, "login-failed", "Login failed", LoginResponses.WRONG);
        }
    }

    /** Until when the account named in a Basic header is locked, or null. */
    private java.time.@org.jspecify.annotations.Nullable Instant lockedUntil(String authorization) {
        if (!startsWith(authorization, "Basic ")) {
            return null;
        }
        try {
            String decoded = new String(
                    java.util.Base64.getDecoder()
                            .decode(authorization.substring(6).strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            java.time.Instant now = clock.instant();
            return accounts.find(decoded.substring(0, colon))
                    .filter(account -> account.lockedAt(now))
                    .map(Account::lockedUntil)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String what = request.getMethod() + " " + request.getRequestURI();
        if (denied instanceof CsrfException && !loggedIn() && !isLogin(request)) {
            // Authentication first: nobody is logged in, so the missing token is not the reason.
            commence(request, response, new InsufficientAuthenticationException("not logged in"));
            return;
        }
        if (denied instanceof CsrfException) {
            log.warn("Refused {} without a valid CSRF token", what);
            write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "csrf",
                    "Missing or invalid CSRF token",
                    "send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN header with " + what);
            return;
        }
        String user = request.getUserPrincipal() == null
                ? "anonymous"
                : request.getUserPrincipal().getName();
        log.warn("Refused {} to user {}: role does not allow it", what, user);
        write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow " + what);
    }

    /**
     * The login throttle could not reach its count in the database: 503, so that no credentials
     * are tried without being counted. Without the database no login could succeed anyway.
     */
    void countUnavailable(HttpServletResponse response, LoginThrottle.CountUnavailable unavailable) throws IOException {
        log.error("Refused a login: {}", unavailable.getMessage(), unavailable);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        write(
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                "login-unavailable",
                "Login unavailable",
                "logins cannot be counted at the moment (the database is unavailable); try again later");
    }

    /** A request the firewall refused (an encoded or relative path segment, a bad header): 400 with its reason. */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String reason = String.valueOf(rejected.getMessage());
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "…";
        }
        log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), reason);
        write(
                response,
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "the request was refused: " + reason);
    }

    private static boolean loggedIn() {
        return TRUST.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
    }

    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && (request.getContextPath() + "/login").equals(request.getRequestURI());
    }

    void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        write(response, status, type, title, detail, Map.of());
    }

    void write(
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail,
            Map<String, ?> extra)
            throws IOException {
        ProblemBodies.write(json, response, status, type, title, detail, extra);
    }

    private static String notLoggedIn(HttpServletRequest request) {
        return "log in first: " + request.getMethod() + " " + request.getRequestURI()
                + " needs a session (POST /login) or an Authorization header (Basic or Bearer API token)";
    }

    private static boolean startsWith(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
