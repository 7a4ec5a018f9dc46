package io.liandong.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.shared.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class RecentPasswordChecksTests {

    private final Instant now = Instant.parse("2026-12-04T12:29:00Z");
    private final AtomicReference<Account> stored = new AtomicReference<>(account("{bcrypt}first", true, null));
    private final AtomicInteger bcryptChecks = new AtomicInteger();

    private final AccountRepository accounts = new AccountRepository(null) {
        @Override
        Optional<Account> find(String username) {
            return Optional.ofNullable(stored.get()).filter(a -> a.username().equals(username));
        }
    };

    private final AuthenticationProvider bcrypt = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
            bcryptChecks.incrementAndGet();
            if (!"right-password".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            AccountPrincipal principal = AccountPrincipal.of(stored.get(), now);
            return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final RecentPasswordChecks checks =
            new RecentPasswordChecks(bcrypt, accounts, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void checksAVerifiedPasswordOnlyOnceWithinTheWindow() {
        Authentication first = checks.authenticate(attempt("right-password"));
        Authentication second = checks.authenticate(attempt("right-password"));

        assertThat(bcryptChecks).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getPrincipal()).isEqualTo(first.getPrincipal());
        assertThat(second.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ANALYST");
    }

    @Test
    void neverRemembersAWrongPassword() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> checks.authenticate(attempt("wrong-password")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void forgetsTheCheckWhenThePasswordChangesOrTheAccountIsDisabledOrLocked() {
        checks.authenticate(attempt("right-password"));

        stored.set(account("{bcrypt}second", true, null));
        checks.authenticate(attempt("right-password"));
        stored.set(account("{bcrypt}second", false, null));
        checks.authenticate(attempt("right-password"));
        stored.set(account("{bcrypt}second", true, now.plusSeconds(60)));
        checks.authenticate(attempt("right-password"));

        assertThat(bcryptChecks).hasValue(4);
    }

    private static UsernamePasswordAuthenticationToken attempt(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("analyst-7", password);
    }

    private Account account(String hash, boolean enabled, Instant lockedUntil) {
        return new Account(
                "analyst-7", hash, "分析员", Set.of(Role.ANALYST), null, null, enabled, lockedUntil, now, 0, false);
    }
}
