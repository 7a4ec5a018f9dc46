package io.liandong.identity.internal;

import io.liandong.shared.Sha256;
import io.liandong.shared.security.Actor;
import io.liandong.shared.security.Role;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in account as Spring Security holds it (in the session for people, per request for
 * machine clients). Equal by username. Keeps the account version and a fingerprint of the password
 * hash so a session notices when an administrator changes the account.
 */
final class AccountPrincipal implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private final String username;
    private @Nullable String passwordHash;
    private final String displayName;
    private final Set<Role> roles;
    private final @Nullable String agency;
    private final @Nullable String seat;
    private final boolean enabled;
    private final boolean locked;
    private final int version;
    private final String passwordStamp;
    private final boolean failuresPending;

    private AccountPrincipal(Account account, Instant now) {
        this.username = account.username();
        this.passwordHash = account.passwordHash();
        this.displayName = account.displayName();
        this.roles = account.roles();
        this.agency = account.agency();
        this.seat = account.seat();
        this.enabled = account.enabled();
        this.locked = account.lockedAt(now);
        this.version = account.version();
        this.passwordStamp = stamp(account.passwordHash());
        this.failuresPending = account.failuresPending();
    }

    static AccountPrincipal of(Account account, Instant now) {
        return new AccountPrincipal(account, now);
    }

    Actor actor() {
        return new Actor(username, roles, agency, seat);
    }

    String displayName() {
        return displayName;
    }

    Set<Role> roles() {
        return roles;
    }

    @Nullable
    String agency() {
        return agency;
    }

    @Nullable
    String seat() {
        return seat;
    }

    int version() {
        return version;
    }

    /** Whether the account had failed logins counted when this principal was read. */
    boolean failuresPending() {
        return failuresPending;
    }

    /**
     * Whether this login still holds for the account as it is now: it still exists, is enabled and
     * has the password this principal logged in with.
     */
    boolean stillHeldBy(Optional<Account> account) {
        return account.isPresent() && account.get().enabled() && samePasswordAs(account.get());
    }

    /**
     * Whether {@code account} is still the account this principal was read from: it still holds
     * ({@link #stillHeldBy}) and has the same version, so the same roles, agency and seat.
     */
    boolean unchangedIn(Optional<Account> account) {
        return stillHeldBy(account) && account.get().version() == version;
    }

    /** Whether {@code account} still has the password this principal logged in with. */
    boolean samePasswordAs(Account account) {
        return passwordStamp.equals(stamp(account.passwordHash()));
    }

    /** A short fingerprint of the password hash; changes whenever the password does. */
    String passwordStamp() {
        return passwordStamp;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountPrincipal that && username.equals(that.username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + username + " " + List.copyOf(roles) + "]";
    }

    private static String stamp(String passwordHash) {
        return Sha256.hex(passwordHash).substring(0, 16);
    }
}
