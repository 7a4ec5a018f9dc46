package io.liandong.catalog;

/**
 * What the catalog must know about the hall's zones to accept a category's zone. Implemented
 * outside the catalog (by the reference deployment module), like {@link CategoryOwners}; in a
 * context without an implementation zones are not checked.
 */
public interface CategoryZones {

    /** Whether the code names a zone of the hall. */
    boolean isZone(String zoneCode);
}
