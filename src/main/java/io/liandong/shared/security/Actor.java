package io.liandong.shared.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is acting: the logged-in user, their roles, the agency they belong to (agency users only)
 * and the seat they sit at in the hall (if any).
 *
 * <p>Each role grants what the role matrix (docs/security.md) gives it, and a user with several
 * roles gets the union. An agency role (AGENCY_REP, AGENCY_CLERK) grants only within the user's
 * own agency, whatever other roles the user holds: a hall role never moves a task, and an agency
 * role never reaches another agency's task. The checks below say so once for every module.
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

    /** Whether a hall role (CALL_TAKER, COMMANDER, LEADER, ANALYST, ADMIN) is held: they read every agency's tasks. */
    public boolean hasHallRole() {
        return hasAny(Role.ADMIN, Role.COMMANDER, Role.LEADER, Role.CALL_TAKER, Role.ANALYST);
    }

    /** Whether an agency role (AGENCY_REP, AGENCY_CLERK) is held for {@code agency}: the user's own agency. */
    public boolean actsFor(@Nullable String agency) {
        return agency != null && agency.equals(agencyCode) && hasAny(Role.AGENCY_REP, Role.AGENCY_CLERK);
    }

    /**
     * Agency users hold agency roles and no hall role: everything they read is confined to their
     * agency. A user who also holds a hall role reads what that role reads, but still moves only
     * its own agency's tasks ({@link #movesTasksOf}).
     */
    public boolean isAgencyUser() {
        return !hasHallRole();
    }

    /** Whether this actor reads a task of {@code agency}: any hall role does, an agency role for its own agency. */
    public boolean seesTasksOf(String agency) {
        return hasHallRole() || actsFor(agency);
    }

    /**
     * Whether this actor moves a task of {@code agency} (acknowledge, arrive, report back, complete,
     * return, attach a photo): an administrator, or an agency role of that very agency. No other
     * hall role moves a task.
     */
    public boolean movesTasksOf(String agency) {
        return has(Role.ADMIN) || actsFor(agency);
    }

    /**
     * Whether this actor sees the photos on a task of {@code agency}: photos may show people, so the
     * hall roles that see personal data, and an agency role of that very agency (never the analyst).
     */
    public boolean seesPhotosOf(String agency) {
        return seesPersonalData() || actsFor(agency);
    }

    /** Whether this actor may see callers' numbers and names in full. */
    public boolean seesPersonalData() {
        return hasAny(Role.CALL_TAKER, Role.COMMANDER, Role.LEADER, Role.ADMIN);
    }
}
