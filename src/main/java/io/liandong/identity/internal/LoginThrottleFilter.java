package io.liandong.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a remote address that has used up its login attempts. For people it guards
 * {@code POST /login} and counts each attempt (given back when it succeeds, by
 * {@link LoginResponses}); for machine clients it guards every request that
 * carries credentials, and only failed ones are counted (by {@link ProblemResponses}). When the
 * shared count cannot be reached it fails closed: 503, and the credentials are not looked at.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    /**
     * The request attribute that holds when the period began in which a form login was counted
     * (a {@link Long}), so that {@link LoginResponses} can give the attempt back when it succeeds.
     */
    static final String COUNTED_IN = LoginThrottleFilter.class.getName() + ".countedIn";

    private final LoginThrottle throttle;
    private final ProblemResponses problems;
    private final boolean formLogin;

    private LoginThrottleFilter(LoginThrottle throttle, ProblemResponses problems, boolean formLogin) {
        this.throttle = throttle;
        this.problems = problems;
        this.formLogin = formLogin;
    }

    static LoginThrottleFilter forFormLogin(LoginThrottle throttle, ProblemResponses problems) {
        return new LoginThrottleFilter(throttle, problems, true);
    }

    static LoginThrottleFilter forCredentials(LoginThrottle throttle, ProblemResponses problems) {
        return new LoginThrottleFilter(throttle, problems, false);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (formLogin) {
            return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
        }
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        LoginThrottle.Verdict verdict;
        try {
            verdict = formLogin ? throttle.attempt(address) : throttle.check(address);
        } catch (LoginThrottle.CountUnavailable e) {
            problems.countUnavailable(response, e);
            return;
        }
        if (verdict.allowed()) {
            if (formLogin) {
                request.setAttribute(COUNTED_IN, verdict.windowStart());
            }
            chain.doFilter(request, response);
            return;
        }
        long seconds = wholeSecondsUp(verdict.retryAfter());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "too-many-login-attempts",
                "Too many login attempts",
                "too many login attempts from " + address + "; try again in " + seconds + " s",
                Map.of("retryAfterSeconds", seconds));
    }

    /** Whole seconds, rounded up: a client that waits as long as it is told is not refused again. */
    static long wholeSecondsUp(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
