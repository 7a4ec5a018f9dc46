package io.liandong.shared.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.KeyHolder;

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

    /** {@code count} parenthesised rows of {@code columns} parameters each, for a multi-row {@code INSERT … VALUES}. */
    public static String rows(int count, int columns) {
        return String.join(", ", Collections.nCopies(count, "(" + marks(columns) + ")"));
    }

    /**
     * The ids a multi-row {@code INSERT … VALUES} generated, in the order its rows were listed.
     * The database takes identity values row by row in that order, so the ids, sorted, are the
     * rows' (drivers may hand them back in another order).
     *
     * @throws IllegalStateException when the database answered another number of ids than rows
     */
    public static List<Long> idsInRowOrder(KeyHolder keys, int rows) {
        List<Long> ids = new ArrayList<>(rows);
        for (Map<String, Object> row : keys.getKeyList()) {
            ids.add(((Number) row.values().iterator().next()).longValue());
        }
        if (ids.size() != rows) {
            throw new IllegalStateException("the database answered " + ids.size() + " ids for " + rows + " rows");
        }
        Collections.sort(ids);
        return ids;
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
