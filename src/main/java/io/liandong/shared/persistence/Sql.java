package io.liandong.shared.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small JDBC conversions shared by the modules' repositories; instants are stored as UTC. */
public final class Sql {

    private Sql() {}

    public static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static @Nullable Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    public static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** How many values one {@code IN (...)} list holds at most: {@link #slices} cuts longer lists. */
    public static final int IN_LIST_MAX = 500;

    /** {@code ?, ?, ?}: the placeholders of an {@code IN (...)} list of {@code count} values. */
    public static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The values in slices of at most {@link #IN_LIST_MAX}, one query each. */
    public static <T> List<List<T>> slices(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_MAX) {
            slices.add(all.subList(from, Math.min(all.size(), from + IN_LIST_MAX)));
        }
        return slices;
    }

    /**
     * The text as a literal inside a {@code LIKE ... ESCAPE '\'} pattern: its {@code %}, {@code _}
     * and backslashes match themselves.
     */
    public static String likeLiteral(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
