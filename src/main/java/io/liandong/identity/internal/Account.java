package io.liandong.identity.internal;

import io.liandong.shared.security.Actor;
import io.liandong.shared.security.Role;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A row of app_user: a person or machine client who may use the center. {@code failuresPending}
 * says whether failed logins are counted against it, which a successful login then clears.
 */
record Account(
        String username,
        String passwordHash,
        String displayName,
        Set<Role> roles,
        @Nullable String agency,
        @Nullable String seat,
        boolean enabled,
        @Nullable Instant lockedUntil,
        Instant createdAt,
        int version,
        boolean failuresPending) {

    Account {
        roles = Set.copyOf(roles);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    boolean isAdmin() {
        return enabled && roles.contains(Role.ADMIN);
    }

    Actor actor() {
        return new Actor(username, roles, agency, seat);
    }
}
