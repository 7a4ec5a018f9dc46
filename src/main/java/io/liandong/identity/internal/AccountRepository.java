package io.liandong.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** app_user and its lock-out counters. */
@Repository
class AccountRepository {

    static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(
            rs.getString("username"),
            rs.getString("password_hash"),
            rs.getString("display_name"),
            RoleNames.parse(rs.getString("username"), rs.getString("roles")),
            rs.getString("agency_code"),
            rs.getString("seat_code"),
            rs.getBoolean("enabled"),
            instant(rs.getObject("locked_until", OffsetDateTime.class)),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getInt("version"),
            rs.getInt("failed_logins") > 0 || rs.getObject("first_failed_at") != null);

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = ?")
                .param(username)
                .query(ACCOUNT)
                .optional();
    }

    List<Account> all() {
        return jdbc.sql("SELECT * FROM app_user ORDER BY username")
                .query(ACCOUNT)
                .list();
    }

    /** The usernames of the enabled accounts of the agency, by username. */
    List<String> enabledUsernamesOf(String agency) {
        return jdbc.sql("SELECT username FROM app_user WHERE agency_code = ? AND enabled ORDER BY username")
                .param(agency)
                .query(String.class)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    /** Inserts a new account; a taken username fails with a DuplicateKeyException. */
    void insert(Account account) {
        jdbc.sql(
                        """
                        INSERT INTO app_user (username, password_hash, display_name, roles, agency_code,
                                              seat_code, enabled, created_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        account.username(),
                        account.passwordHash(),
                        account.displayName(),
                        RoleNames.format(account.roles()),
                        account.agency(),
                        account.seat(),
                        account.enabled(),
                        utc(account.createdAt()))
                .update();
    }

    /**
     * Writes the changeable fields of {@code changed} if the stored version is still {@code changed.version()};
     * answers whether it was (false: someone else changed the account first, or it is gone).
     */
    boolean update(Account changed, boolean unlock) {
        int rows = jdbc.sql(
                        """
                        UPDATE app_user
                        SET password_hash = ?, display_name = ?, roles = ?, agency_code = ?, seat_code = ?,
                            enabled = ?, version = version + 1
                        WHERE username = ? AND version = ?""")
                .params(
                        changed.passwordHash(),
                        changed.displayName(),
                        RoleNames.format(changed.roles()),
                        changed.agency(),
                        changed.seat(),
                        changed.enabled(),
                        changed.username(),
                        changed.version())
                .update();
        if (rows == 1 && unlock) {
            unlock(changed.username());
        }
        return rows == 1;
    }

    /** Whether at least one enabled account holds the ADMIN role. */
    boolean anyEnabledAdmin() {
        return all().stream().anyMatch(Account::isAdmin);
    }

    /**
     * Counts one failed login: a failure after the window has passed starts a new count. Answers
     * the number of failures in the current window.
     */
    @Transactional
    int countFailure(String username, Instant now, Instant windowStart) {
        jdbc.sql(
                        """
                        UPDATE app_user SET failed_logins = 0, first_failed_at = NULL
                        WHERE username = ? AND first_failed_at < ?""")
                .params(username, utc(windowStart))
                .update();
        jdbc.sql(
                        """
                        UPDATE app_user
                        SET failed_logins = failed_logins + 1, first_failed_at = COALESCE(first_failed_at, ?)
                        WHERE username = ?""")
                .params(utc(now), username)
                .update();
        return jdbc.sql("SELECT failed_logins FROM app_user WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Locks the account until {@code until} if it has reached {@code threshold} failures; answers whether it did. */
    boolean lockIfReached(String username, int threshold, Instant until) {
        return jdbc.sql(
                                """
                                UPDATE app_user SET locked_until = ?, failed_logins = 0, first_failed_at = NULL
                                WHERE username = ? AND failed_logins >= ?""")
                        .params(utc(until), username, threshold)
                        .update()
                == 1;
    }

    /** Forgets failed logins after a successful one; writes nothing when there were none. */
    void clearFailures(String username) {
        jdbc.sql(
                        """
                        UPDATE app_user SET failed_logins = 0, first_failed_at = NULL
                        WHERE username = ? AND (failed_logins > 0 OR first_failed_at IS NOT NULL)""")
                .param(username)
                .update();
    }

    private void unlock(String username) {
        jdbc.sql(
                        """
                        UPDATE app_user SET locked_until = NULL, failed_logins = 0, first_failed_at = NULL
                        WHERE username = ?""")
                .param(username)
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
