package io.liandong.identity.internal;

import io.liandong.shared.Sha256;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The login attempts of each remote address in its current period, in the table
 * {@code login_attempt} that every node of a center shares. A period starts at an address's first
 * attempt after the previous one ended. Counting is one conditional UPDATE, which the database
 * serialises per address, so attempts made at once on several nodes are all counted.
 */
@Repository
class LoginAttempts {

    /** IPv6 with an embedded IPv4 address, the longest textual address there is. */
    static final int MAX_ADDRESS_LENGTH = 45;

    private static final int MAX_TRIES = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    LoginAttempts(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** How many attempts an address has made in its period, which began at {@code windowStart}. */
    record Count(int attempts, long windowStart) {}

    private static final RowMapper<Count> COUNT =
            (rs, n) -> new Count(rs.getInt("attempts"), rs.getLong("window_start"));

    /**
     * Counts one attempt of {@code address} at {@code now}: in its current period, or in a new one
     * when the last began {@code periodMillis} or more ago. Answers the count including this attempt.
     */
    Count add(String address, long now, long periodMillis) {
        String key = key(address);
        long ended = now - periodMillis;
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Count counted = transactions.execute(status -> incremented(key, now, ended));
            if (counted != null) {
                return counted;
            }
            try {
                jdbc.sql("INSERT INTO login_attempt (address, window_start, attempts) VALUES (?, ?, 1)")
                        .params(key, now)
                        .update();
                return new Count(1, now);
            } catch (DuplicateKeyException raced) {
                // Another node counted this address's first attempt at the same moment: count on top of it.
            }
        }
        throw new IllegalStateException(
                "could not count a login attempt of " + address + " in " + MAX_TRIES + " tries");
    }

    /**
     * The attempts {@code address} has made in its current period, without counting one; none in a
     * period that would begin {@code now} when it has no current period.
     */
    Count current(String address, long now, long periodMillis) {
        return jdbc.sql("SELECT attempts, window_start FROM login_attempt WHERE address = ? AND window_start > ?")
                .params(key(address), now - periodMillis)
                .query(COUNT)
                .optional()
                .orElse(new Count(0, now));
    }

    /**
     * Takes back one attempt of {@code address} counted in the period that began at
     * {@code windowStart}; nothing when that period is no longer the address's current one.
     */
    void giveBack(String address, long windowStart) {
        jdbc.sql("UPDATE login_attempt SET attempts = attempts - 1"
                        + " WHERE address = ? AND window_start = ? AND attempts > 0")
                .params(key(address), windowStart)
                .update();
    }

    /** Deletes the rows of periods that began {@code periodMillis} or more before {@code now}. */
    int forgetEnded(long now, long periodMillis) {
        return jdbc.sql("DELETE FROM login_attempt WHERE window_start <= ?")
                .param(now - periodMillis)
                .update();
    }

    /** The count after one more attempt, or null when the address has no row yet. */
    private @Nullable Count incremented(String key, long now, long ended) {
        int updated = jdbc.sql(
                        """
                        UPDATE login_attempt
                           SET attempts = CASE WHEN window_start > :ended THEN attempts + 1 ELSE 1 END,
                               window_start = CASE WHEN window_start > :ended THEN window_start ELSE :now END
                         WHERE address = :address""")
                .param("ended", ended)
                .param("now", now)
                .param("address", key)
                .update();
        if (updated == 0) {
            return null;
        }
        // The row stays locked until commit, so this reads exactly the count just written.
        return jdbc.sql("SELECT attempts, window_start FROM login_attempt WHERE address = ?")
                .param(key)
                .query(COUNT)
                .single();
    }

    /** The address itself, or a hash of it when it is longer than any IP address (a zone id, a proxy's oddity). */
    static String key(String address) {
        if (address.length() <= MAX_ADDRESS_LENGTH) {
            return address;
        }
        return "#" + Sha256.hex(address).substring(0, MAX_ADDRESS_LENGTH - 1);
    }
}
