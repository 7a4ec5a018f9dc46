package io.liandong.shared.persistence;

import java.util.List;

/**
 * A piece of SQL, a {@code WHERE} condition or a sub-select, and the values of its placeholders, in
 * order. A module hands one to another's query when that query must filter by the module's own
 * tables in the database (before its limit, or in an aggregate) without reading those tables itself.
 */
public record SqlCondition(String sql, List<Object> params) {

    public SqlCondition {
        params = List.copyOf(params);
    }
}
