package io.liandong.shared;

/**
 * What an import did to one kind of reference data, counted against what was stored: entries
 * created, entries changed, and entries the import gave exactly as stored (left alone).
 *
 * @param kind the kind, in the plural, as its deployment file names it: {@code plans}
 */
public record ImportCount(String kind, int created, int changed, int unchanged) {

    /** For example {@code plans: 1 changed, 0 created, 15 unchanged}. */
    @Override
    public String toString() {
        return kind + ": " + changed + " changed, " + created + " created, " + unchanged + " unchanged";
    }
}
