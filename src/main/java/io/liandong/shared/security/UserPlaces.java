package io.liandong.shared.security;

/**
 * What user administration (the identity module) must know about agencies and seats to accept a
 * user's. Identity depends on the shared kernel alone, and the reference deployment module, which
 * knows agencies and seats, implements this here without depending on identity. In a context
 * without an implementation (a test of identity alone) agencies and seats are not checked.
 */
public interface UserPlaces {

    /**
     * Whether the code names an agency that is active now, read from the database; its row stays
     * locked until the caller's transaction ends, so the agency is not deactivated before a user
     * saved into it has committed (see {@link AgencyAccounts}).
     */
    boolean isActiveAgency(String agencyCode);

    /** Whether the code names a seat of the hall. */
    boolean isSeat(String seatCode);
}
