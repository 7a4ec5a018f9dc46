package io.liandong.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The nine callers the role matrix is walked with: nobody, and one demo account per role the
 * center creates on its first start (docs/security.md), three of them agency users.
 */
enum Caller {
    ANONYMOUS(null, null),
    ADMIN("admin", null),
    CALLTAKER("calltaker", null),
    COMMANDER("commander", null),
    LEADER("leader", null),
    ANALYST("analyst", null),
    POLICE("police", "POLICE-SHUANGTA"),
    GAS("gas", "GAS-CO"),
    LAWENF("lawenf", "LAW-ENFORCEMENT");

    /** CALL_TAKER, COMMANDER, LEADER, ANALYST and ADMIN. */
    static final Set<Caller> HALL = frozen(ADMIN, CALLTAKER, COMMANDER, LEADER, ANALYST);

    /** AGENCY_REP and AGENCY_CLERK users without a hall role, confined to their agency. */
    static final Set<Caller> AGENCY_USERS = frozen(POLICE, GAS, LAWENF);

    static final Set<Caller> LOGGED_IN = union(HALL, AGENCY_USERS);

    static final Set<Caller> EVERYONE = frozen(Caller.values());

    private final @Nullable String username;
    private final @Nullable String agency;

    Caller(@Nullable String username, @Nullable String agency) {
        this.username = username;
        this.agency = agency;
    }

    @Nullable
    String username() {
        return username;
    }

    /** The agency code of an agency user, else null. */
    @Nullable
    String agency() {
        return agency;
    }

    private static Set<Caller> frozen(Caller... callers) {
        EnumSet<Caller> set = EnumSet.noneOf(Caller.class);
        Collections.addAll(set, callers);
        return Collections.unmodifiableSet(set);
    }

    private static Set<Caller> union(Set<Caller> a, Set<Caller> b) {
        EnumSet<Caller> set = EnumSet.copyOf(a);
        set.addAll(b);
        return Collections.unmodifiableSet(set);
    }
}
