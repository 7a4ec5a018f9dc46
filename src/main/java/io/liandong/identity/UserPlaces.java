package io.liandong.identity;

/**
 * What user administration must know about agencies and seats to accept a user's. Identity depends
 * on no other module, so this is implemented outside it (by the reference deployment module). In
 * a context without an implementation (a test of identity alone) agencies and seats are not
 * checked.
 */
public interface UserPlaces {

    /** Whether the code names an agency that is active now, read from the database. */
    boolean isActiveAgency(String agencyCode);

    /** Whether the code names a seat of the hall. */
    boolean isSeat(String seatCode);
}
