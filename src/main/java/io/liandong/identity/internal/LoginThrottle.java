package io.liandong.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts login attempts per remote address in fixed periods (20 a minute by default), so that
 * nobody can guess passwords or tokens faster than that from one address. Form logins count
 * every attempt; machine clients count only failed credentials, so a busy integration is never
 * slowed down by its own successful calls.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final Clock clock;
    private final int maxAttempts;
    private final long periodMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, IdentityProperties properties) {
        this.clock = clock;
        this.maxAttempts = properties.loginThrottle().maxAttempts();
        this.periodMillis = properties.loginThrottle().per().toMillis();
    }

    /** Whether an attempt may go ahead and, when not, how long to wait. */
    record Verdict(boolean allowed, Duration retryAfter) {}

    /** Counts an attempt and answers whether it may go ahead. */
    Verdict attempt(String address) {
        return count(address, true);
    }

    /** Answers whether attempts from {@code address} may go ahead, without counting one. */
    Verdict check(String address) {
        return count(address, false);
    }

    /** Counts a failed attempt (a wrong Basic password or an unknown token). */
    void failed(String address) {
        count(address, true);
    }

    private Verdict count(String address, boolean counting) {
        long now = clock.millis();
        if (windows.size() > MAX_TRACKED_ADDRESSES) {
            windows.values().removeIf(w -> w.over(now, periodMillis));
        }
        Window window =
                windows.compute(address, (a, w) -> w == null || w.over(now, periodMillis) ? new Window(now) : w);
        int attempts;
        synchronized (window) {
            if (counting) {
                window.attempts++;
            }
            attempts = window.attempts;
        }
        if (counting && attempts == maxAttempts + 1) {
            log.warn(
                    "Throttling logins from {}: more than {} attempts within {} ms",
                    address,
                    maxAttempts,
                    periodMillis);
        }
        boolean allowed = counting ? attempts <= maxAttempts : attempts < maxAttempts;
        return new Verdict(allowed, Duration.ofMillis(Math.max(1000, window.start + periodMillis - now)));
    }

    private static final class Window {
        final long start;
        int attempts;

        Window(long start) {
            this.start = start;
        }

        boolean over(long now, long periodMillis) {
            return now - start >= periodMillis;
        }
    }
}
