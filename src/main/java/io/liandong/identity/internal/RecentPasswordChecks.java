package io.liandong.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers for a few minutes that a username and password were verified, so a machine client
 * using HTTP Basic does not pay for a bcrypt check (tens of milliseconds) on every request. The
 * account is still read on every request: a disabled, locked or re-passworded account is refused
 * at once. Only an HMAC of the credentials is kept, under a key that lives in this process only.
 */
final class RecentPasswordChecks implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider passwords;
    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration remember;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String passwordStamp, Instant until) {}

    RecentPasswordChecks(AuthenticationProvider passwords, AccountRepository accounts, Clock clock, Duration remember) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.clock = clock;
        this.remember = remember;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt.getCredentials() instanceof String password)) {
            return passwords.authenticate(attempt);
        }
        String fingerprint = fingerprint(attempt.getName(), password);
        Instant now = clock.instant();
        Optional<Authentication> remembered = remembered(fingerprint, attempt.getName(), now);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Authentication result = passwords.authenticate(attempt);
        if (result != null && result.getPrincipal() instanceof AccountPrincipal principal) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> !v.until().isAfter(now));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(fingerprint, new Verified(principal.passwordStamp(), now.plus(remember)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private Optional<Authentication> remembered(String fingerprint, String username, Instant now) {
        Verified entry = verified.get(fingerprint);
        if (entry == null) {
            return Optional.empty();
        }
        Optional<AccountPrincipal> principal = accounts.find(username)
                .filter(account -> entry.until().isAfter(now))
                .filter(account -> account.enabled() && !account.lockedAt(now))
                .map(account -> AccountPrincipal.of(account, now))
                .filter(candidate -> candidate.passwordStamp().equals(entry.passwordStamp()));
        if (principal.isEmpty()) {
            verified.remove(fingerprint);
            return Optional.empty();
        }
        principal.get().eraseCredentials();
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(
                principal.get(), null, principal.get().getAuthorities()));
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((username + '\0' + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
