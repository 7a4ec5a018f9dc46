package io.liandong.shared.security;

import java.util.List;

/**
 * What the agency module must know about users to deactivate an agency: the enabled users whose
 * account belongs to it (they block the deactivation). The agency module cannot know the identity
 * module, which depends on the shared kernel alone, so identity implements this here. In a context
 * without an implementation (a test of the reference data alone) none is found.
 *
 * <p>Read from the database in the caller's transaction: the agency administration asks after it
 * has written (and so locked) the agency's row, and user administration holds that row while it
 * saves a user into the agency (see {@link UserPlaces#isActiveAgency}), so whichever of the two
 * comes second sees the other.
 */
public interface AgencyAccounts {

    /** The usernames of the enabled users of the agency, by username. */
    List<String> enabledUsernamesOf(String agencyCode);
}
