package io.liandong.catalog;

/**
 * What the catalog must know about agencies to accept a category's owner. The catalog depends on
 * no other module, so this is implemented outside it (by the reference deployment module). In a
 * context without an implementation (a test of the catalog alone) owners are not checked.
 */
public interface CategoryOwners {

    /**
     * Whether the code names an active agency, read from the database; it stays active until the
     * caller's transaction ends (its row is locked), so a category saved with it as owner cannot
     * race its deactivation.
     */
    boolean isActiveAgency(String agencyCode);
}
