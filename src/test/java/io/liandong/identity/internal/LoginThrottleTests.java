package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final Instant start = Instant.parse("2026-12-04T12:29:00Z");

    private LoginThrottle throttle(Instant now) {
        var properties = new IdentityProperties(
                null,
                true,
                null,
                new IdentityProperties.Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15)),
                new IdentityProperties.LoginThrottle(20, Duration.ofMinutes(1)),
                List.of());
        return new LoginThrottle(Clock.fixed(now, ZoneOffset.UTC), properties);
    }

    @Test
    void allowsTwentyAttemptsAMinutePerAddress() {
        LoginThrottle throttle = throttle(start);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.attempt("10.0.0.7").allowed()).isTrue();
        }

        LoginThrottle.Verdict twentyFirst = throttle.attempt("10.0.0.7");

        assertThat(twentyFirst.allowed()).isFalse();
        assertThat(twentyFirst.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.attempt("10.0.0.8").allowed()).isTrue();
    }

    @Test
    void checkDoesNotCountButSeesFailures() {
        LoginThrottle throttle = throttle(start);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.check("10.0.0.9").allowed()).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.9");
        }

        assertThat(throttle.check("10.0.0.9").allowed()).isFalse();
    }
}
