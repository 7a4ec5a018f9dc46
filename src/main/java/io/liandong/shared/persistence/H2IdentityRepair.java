package io.liandong.shared.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After the migrations, on the embedded H2 only: moves every identity column whose next value is
 * not above the highest id its table holds to just above it. An H2 file that was not closed cleanly
 * (the process killed) has been seen to come back with an identity behind rows it had committed, so
 * that the first inserts after the restart were refused as duplicate keys. PostgreSQL is left
 * alone.
 */
@Component
class H2IdentityRepair implements Callback {

    private static final Logger log = LoggerFactory.getLogger(H2IdentityRepair.class);

    /** One identity column and the value it will give next. */
    record Identity(String table, String column, long next) {}

    private final boolean mayBeH2;

    H2IdentityRepair(DataSource dataSource) {
        this.mayBeH2 = mayBeH2(dataSource);
    }

    /**
     * After the migrations, on H2 only. Flyway hands a callback a connection of its own, so on
     * PostgreSQL (with a pool as small as two) the callback is not run at all rather than asking
     * for one. Flyway may ask before it has a context.
     */
    @Override
    public boolean supports(Event event, @Nullable Context context) {
        return mayBeH2 && event == Event.AFTER_MIGRATE;
    }

    /** False for a pool whose URL names another database; true when the URL cannot be told. */
    static boolean mayBeH2(@Nullable DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            return pool.getJdbcUrl().startsWith("jdbc:h2:");
        }
        return true;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            repair(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the H2 database's identity columns: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "h2-identity-repair";
    }

    /** Repairs the identities of the connection's current schema; answers the ones it moved. */
    static List<Identity> repair(Connection connection) throws SQLException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return List.of();
        }
        List<Identity> moved = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (Identity identity : identities(statement)) {
                long highest = highest(statement, identity);
                if (identity.next() <= highest) {
                    statement.execute("ALTER TABLE " + quoted(identity.table()) + " ALTER COLUMN "
                            + quoted(identity.column()) + " RESTART WITH " + (highest + 1));
                    log.warn(
                            "Table {}: its identity {} would have given {} next, but {} is taken (the database was"
                                    + " not closed cleanly); it now starts at {}",
                            identity.table(),
                            identity.column(),
                            identity.next(),
                            highest,
                            highest + 1);
                    moved.add(identity);
                }
            }
        }
        return moved;
    }

    private static List<Identity> identities(Statement statement) throws SQLException {
        List<Identity> found = new ArrayList<>();
        try (ResultSet rows =
                statement.executeQuery("SELECT table_name, column_name, identity_base FROM information_schema.columns"
                        + " WHERE table_schema = CURRENT_SCHEMA AND is_identity = 'YES'"
                        + " ORDER BY table_name")) {
            while (rows.next()) {
                found.add(new Identity(rows.getString(1), rows.getString(2), rows.getLong(3)));
            }
        }
        return found;
    }

    private static long highest(Statement statement, Identity identity) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT COALESCE(MAX(" + quoted(identity.column()) + "), 0) FROM " + quoted(identity.table()))) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
