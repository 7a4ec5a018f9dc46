package io.liandong.agency;

import java.util.List;

/**
 * What outside the agency module still names an agency: the categories it owns and the plans that
 * task or notify it. An agency they name is not deactivated. The agency module depends on no other
 * module, so this is implemented outside it (by the reference deployment module). In a context
 * without an implementation (a test of the agency module alone) nothing is found.
 *
 * <p>Both read the database in the caller's transaction, not a copy in memory: the agency
 * administration asks them after it has written (and so locked) the agency's row, and a change to a
 * category or plan locks the rows of the agencies it names (see {@link AgencyService#holdActive}),
 * so whichever of the two comes second sees the other.
 */
public interface AgencyReferences {

    /** The codes of the categories whose owner (the agency their reports are diverted to) it is, by code. */
    List<String> categoriesOwnedBy(String agencyCode);

    /** The codes of the plans that task or notify it, by code. */
    List<String> plansNaming(String agencyCode);
}
