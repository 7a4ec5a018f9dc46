package io.liandong.catalog;

/**
 * What the catalog must know about agencies to accept a category's owner. The catalog depends on
 * no other module, so this is implemented outside it (by the reference deployment module). In a
 * context without an implementation (a test of the catalog alone) owners are not checked.
 */
public interface CategoryOwners {

    /** Whether the code names an active agency. */
    boolean isActiveAgency(String agencyCode);
}
