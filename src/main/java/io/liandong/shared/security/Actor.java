package io.liandong.shared.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is acting: the logged-in user, their roles, the agency they belong to (agency users only)
 * and the seat they sit at in the hall (if any).
 */
public record Actor(String username, Set<Role> roles, @Nullable String agencyCode, @Nullable String seat) {

    public static final Actor SYSTEM = new Actor("system", Set.of(Role.ADMIN), null, null);

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Agency users (representative or clerk without a hall role) are confined to their agency. */
    public boolean isAgencyUser() {
        return agencyCode != null && !hasAny(Role.ADMIN, Role.COMMANDER, Role.LEADER, Role.CALL_TAKER, Role.ANALYST);
    }

    /** Whether this actor may see callers' numbers and names in full. */
    public boolean seesPersonalData() {
        return hasAny(Role.CALL_TAKER, Role.COMMANDER, Role.LEADER, Role.ADMIN);
    }
}
