package io.liandong.agency;

import io.liandong.shared.security.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * 席位: a desk in the hall, in a zone, for a role; a member agency's desk names the agency.
 *
 * @param code for example {@code S-001}
 * @param agencyCode the agency whose representative sits here, or null for hall staff and
 *     flexible seats
 */
public record Seat(String code, String zoneCode, String label, Role role, @Nullable String agencyCode) {

    public Seat {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zoneCode, "zoneCode");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(role, "role");
    }
}
