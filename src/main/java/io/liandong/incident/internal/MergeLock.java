package io.liandong.incident.internal;

import java.sql.DatabaseMetaData;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the merge decisions of one category until each one's transaction ends, so that two
 * reports of one event arriving at the same moment cannot both miss the other's incident and open
 * one each: the second waits, then finds the first's incident committed. On PostgreSQL a
 * transaction-scoped advisory lock (every node of a center shares it, and it needs no row); on the
 * embedded H2 database, which one node uses alone, a lock of this JVM held until the transaction
 * completes.
 */
@Component
public class MergeLock {

    /**
     * The first key of the advisory locks Liandong takes for merging; the second is the hash of the
     * schema and the category, so centers in other schemas of the same database do not wait.
     */
    static final int ADVISORY_CLASS = 0x4C44_4D31;

    private final JdbcClient jdbc;
    private final boolean postgres;
    /** One lock per category code (the catalog's few dozen), for H2. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    MergeLock(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    /** Takes the category's merge lock for the rest of the current transaction (which must be active). */
    public void hold(String category) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the merge lock of " + category + " needs a transaction");
        }
        if (!heldInThisTransaction().add(category)) {
            return;
        }
        if (postgres) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '/' || ?))")
                    .params(ADVISORY_CLASS, category)
                    .query((rs, n) -> 1)
                    .list();
            return;
        }
        ReentrantLock lock = locks.computeIfAbsent(category, code -> new ReentrantLock());
        lock.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                lock.unlock();
            }
        });
    }

    /**
     * Takes the merge locks of several categories, always in the order of their codes, so that two
     * transactions taking several (a batch of reports) cannot each wait for a lock the other holds.
     * Take them all before writing anything.
     */
    public void holdAll(Collection<String> categories) {
        for (String category : new TreeSet<>(categories)) {
            hold(category);
        }
    }

    /** The categories whose lock the current transaction holds: each is taken once per transaction. */
    @SuppressWarnings("unchecked")
    private Set<String> heldInThisTransaction() {
        Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(MergeLock.this);
                }
            });
            held = fresh;
        }
        return held;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the center runs on", e);
        }
    }
}
