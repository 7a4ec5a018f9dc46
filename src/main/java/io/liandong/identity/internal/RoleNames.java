package io.liandong.identity.internal;

import io.liandong.shared.security.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Roles as stored in app_user.roles: comma-separated {@link Role} names, in declaration order. */
final class RoleNames {

    private static final Logger log = LoggerFactory.getLogger(RoleNames.class);

    private RoleNames() {}

    static Set<Role> parse(String username, String stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : stored.split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(trimmed));
            } catch (IllegalArgumentException unknown) {
                log.warn("User {} has an unknown role '{}' in app_user.roles; it is ignored", username, trimmed);
            }
        }
        return roles;
    }

    static String format(Collection<Role> roles) {
        if (roles.isEmpty()) {
            return "";
        }
        return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
    }

    static String formatOrNone(Collection<Role> roles) {
        return roles.isEmpty() ? "(none)" : format(roles);
    }
}
