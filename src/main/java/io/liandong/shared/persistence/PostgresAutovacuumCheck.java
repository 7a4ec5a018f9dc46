package io.liandong.shared.persistence;

import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns once at start-up when the PostgreSQL server runs without autovacuum. Without it the
 * planner's statistics are never refreshed: a center that started on empty tables keeps planning
 * as if they were empty, and its hot statements (merge candidates, the merge's update) read whole
 * indexes instead of a few rows, slower with every report (measured: 0.5 to 3.6 ms of database CPU
 * per report within two minutes at full load, docs/benchmarks.md).
 */
@Component
class PostgresAutovacuumCheck {

    private static final Logger log = LoggerFactory.getLogger(PostgresAutovacuumCheck.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    PostgresAutovacuumCheck(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        if (!(dataSource instanceof com.zaxxer.hikari.HikariDataSource pool)
                || pool.getJdbcUrl() == null
                || !pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            return;
        }
        try {
            String setting = jdbc.sql("SELECT current_setting('autovacuum')")
                    .query(String.class)
                    .single();
            warning(setting).ifPresent(log::warn);
        } catch (DataAccessException e) {
            log.warn("Could not read PostgreSQL's autovacuum setting: {}", e.getMessage());
        }
    }

    /** The warning for the server's {@code autovacuum} setting, if it is off. */
    static Optional<String> warning(@Nullable String setting) {
        if (setting == null || !setting.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL runs with autovacuum off: table statistics are never refreshed, so"
                + " merge lookups and updates slow down as the tables grow. Turn it on (autovacuum = on, the"
                + " server's default) or ANALYZE the center's tables regularly; see docs/operations.md");
    }
}
