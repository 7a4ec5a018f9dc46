package io.liandong.replay.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a column's value into one of our codes through a table: an exact match (after trimming),
 * else the table's {@code "*"} entry, else {@code fallback}. Without a column the fallback is a
 * constant. A {@code null} result means "not mapped".
 */
public record Lookup(@Nullable String column, Map<String, String> table, @Nullable String fallback) {

    public Lookup {
        table = Map.copyOf(table);
    }

    /** A lookup that always answers {@code value}. */
    public static Lookup constant(String value) {
        return new Lookup(null, Map.of(), value);
    }

    /** The mapped value for {@code row}, or {@code null} when nothing matches and there is no fallback. */
    public @Nullable String apply(SourceRow row, Columns header) {
        if (column == null) {
            return fallback;
        }
        return find(table, header.value(row, column), fallback);
    }

    static @Nullable String find(Map<String, String> table, String value, @Nullable String fallback) {
        String found = table.get(value);
        if (found == null) {
            found = table.get("*");
        }
        return found == null ? fallback : found;
    }
}
