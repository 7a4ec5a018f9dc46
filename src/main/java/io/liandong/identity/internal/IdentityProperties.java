package io.liandong.identity.internal;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liandong.security.*}: first-start passwords, lock-out and login throttling.
 *
 * @param adminPassword password of the first {@code admin}; generated and shown once when blank
 * @param demoAccounts whether the first start also creates one demo account per role
 * @param demoPassword password of the demo accounts; generated and shown once when blank
 * @param lockout how many failed logins within which window lock an account, and for how long
 * @param loginThrottle how many login attempts one remote address may make per period
 * @param publicGetPaths extra GET path patterns served without login (console routes of the SPA)
 */
@ConfigurationProperties("liandong.security")
public record IdentityProperties(
        @Nullable String adminPassword,
        @DefaultValue("true") boolean demoAccounts,
        @Nullable String demoPassword,
        @DefaultValue Lockout lockout,
        @DefaultValue LoginThrottle loginThrottle,
        @DefaultValue List<String> publicGetPaths) {

    /** Lock an account after {@code maxFailures} failed logins within {@code window}, for {@code duration}. */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("PT15M") Duration window,
            @DefaultValue("PT15M") Duration duration) {

        public Lockout {
            if (maxFailures < 1) {
                throw new IllegalArgumentException(
                        "liandong.security.lockout.max-failures must be at least 1, was " + maxFailures);
            }
        }
    }

    /** At most {@code maxAttempts} login attempts per remote address in each {@code per} period. */
    public record LoginThrottle(@DefaultValue("20") int maxAttempts, @DefaultValue("PT1M") Duration per) {

        public LoginThrottle {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "liandong.security.login-throttle.max-attempts must be at least 1, was " + maxAttempts);
            }
        }
    }
}
