package io.liandong.incident.internal;

import io.liandong.shared.geo.GeoPoint;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the merge decisions of reports that could join the same incident, until each one's
 * transaction ends, so that two reports of one event arriving at the same moment cannot both miss
 * the other's incident and open one each: the second waits, then finds the first's incident
 * committed.
 *
 * <p>Reports of different categories never wait for each other. Within a category, a report with a
 * point holds the category's lock shared and, exclusively, the cells of a fixed grid (0.02° by
 * 0.02°) that its merge box touches: two reports within merge distance of each other share at least
 * the cell of either one's point, so they take turns, while reports far apart go on at once. A
 * report without a point is matched by its address anywhere, so it holds the category's lock
 * exclusively (as does a report whose box would touch too many cells).
 *
 * <p>Locks are taken in one order (categories by code, then cells), all before the transaction
 * writes anything when several reports are admitted together, so no two transactions can each wait
 * for a lock the other holds. On PostgreSQL these are transaction-scoped advisory locks (every node
 * of a center shares them, and they need no row), taken in one statement; on the embedded H2
 * database, which one node uses alone, locks of this JVM held until the transaction completes.
 */
@Component
public class MergeLock {

    /**
     * The first keys of the advisory locks Liandong takes for merging: of a category, and of a cell of
     * a category. The second key is the hash of the schema and the category (and cell), so centers in
     * other schemas of the same database do not wait.
     */
    static final int ADVISORY_CLASS = 0x4C44_4D31;

    static final int ADVISORY_CELL_CLASS = 0x4C44_4D32;

    /** The grid's cell, in degrees of latitude and of longitude (about 2.2 by 1.7 km here). */
    static final double CELL_DEGREES = 0.02;

    /**
     * The most locks one transaction takes. PostgreSQL keeps advisory locks in its shared lock table
     * (by default 64 per connection of the server, shared by all): a batch of 500 reports spread over
     * a city would want thousands of cells. Above this, the categories with the most cells are
     * locked whole instead.
     */
    static final int MOST_KEYS = 256;

    /** A box touching more cells than this locks its whole category instead. */
    static final int MOST_CELLS = 16;

    /** One report's claim: its category and, when it has one, its point and the merge distance. */
    public record Claim(String category, @Nullable GeoPoint point, double meters) {}

    private final JdbcClient jdbc;
    private final boolean postgres;
    /** One read-write lock per category code (the catalog's few dozen), for H2. */
    private final Map<String, ReentrantReadWriteLock> categories = new ConcurrentHashMap<>();
    /** Cell locks for H2, striped by the cell's key (a cell shares its stripe with unrelated ones). */
    private final ReentrantLock[] cellStripes = new ReentrantLock[1024];

    MergeLock(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
        for (int i = 0; i < cellStripes.length; i++) {
            cellStripes[i] = new ReentrantLock();
        }
    }

    /** Takes the merge locks of one report for the rest of the current transaction (which must be active). */
    public void hold(Claim claim) {
        holdAll(List.of(claim));
    }

    /**
     * Takes the merge locks of several reports (a batch), in the one order every transaction uses.
     * Take them all before writing anything.
     */
    public void holdAll(Collection<Claim> claims) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("merge locks need a transaction");
        }
        Map<String, Boolean> held = heldInThisTransaction();
        List<Key> wanted = new ArrayList<>();
        for (Key key : keys(claims)) {
            if (key.cell() && Boolean.FALSE.equals(held.get(key.category()))) {
                continue; // its whole category is held exclusively already
            }
            Boolean shared = held.get(key.name());
            if (shared == null) {
                wanted.add(key);
            } else if (shared && !key.shared()) {
                // Taking a lock held shared exclusively could wait for ever (always on H2); the keys of
                // a transaction's reports are to be taken together, up front.
                throw new IllegalStateException("merge lock " + key.name() + " is held shared, wanted exclusive");
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (postgres) {
            lockInPostgres(wanted);
        } else {
            lockInThisJvm(wanted);
        }
        wanted.forEach(key -> held.put(key.name(), key.shared()));
    }

    /** A lock: a category's (shared or exclusive) or a cell's (exclusive), by name. */
    record Key(boolean cell, String name, boolean shared) {

        /** The category the lock belongs to: its name, or the start of a cell's name. */
        String category() {
            return cell ? name.substring(0, name.indexOf('#')) : name;
        }
    }

    /** The locks the claims need, in the order they are taken: categories by code, then cells by name. */
    static List<Key> keys(Collection<Claim> claims) {
        Map<String, Boolean> exclusive = new TreeMap<>();
        Map<String, java.util.SortedSet<String>> cellsOf = new HashMap<>();
        for (Claim claim : claims) {
            List<String> cells = claim.point() == null ? null : cells(claim);
            boolean whole = cells == null;
            exclusive.merge(claim.category(), whole, Boolean::logicalOr);
            if (!whole) {
                cellsOf.computeIfAbsent(claim.category(), c -> new java.util.TreeSet<>())
                        .addAll(cells);
            }
        }
        exclusive.forEach((category, whole) -> {
            if (whole) {
                cellsOf.remove(category);
            }
        });
        // Too many locks: the categories with the most cells are locked whole, until few enough.
        int total = exclusive.size()
                + cellsOf.values().stream().mapToInt(java.util.Set::size).sum();
        List<String> byCells = new ArrayList<>(cellsOf.keySet());
        byCells.sort(
                (a, b) -> Integer.compare(cellsOf.get(b).size(), cellsOf.get(a).size()));
        for (String category : byCells) {
            if (total <= MOST_KEYS) {
                break;
            }
            total -= cellsOf.remove(category).size();
            exclusive.put(category, true);
        }
        List<Key> keys = new ArrayList<>();
        java.util.SortedSet<String> cellNames = new java.util.TreeSet<>();
        exclusive.forEach((category, whole) -> {
            keys.add(new Key(false, category, !whole));
            if (!whole) {
                cellNames.addAll(cellsOf.get(category));
            }
        });
        cellNames.forEach(name -> keys.add(new Key(true, name, false)));
        return keys;
    }

    /**
     * The names of the cells the claim's merge box touches (the box of the candidate query, a little
     * larger than the circle of the merge distance), or null when it touches too many or crosses the
     * antimeridian: then the whole category is locked.
     */
    static @Nullable List<String> cells(Claim claim) {
        GeoPoint p = claim.point();
        if (p == null) {
            return null;
        }
        double dLat = claim.meters() * 1.05 / GeoPoint.METERS_PER_DEGREE;
        double cos = Math.cos(Math.toRadians(p.lat()));
        if (cos <= 0.01) {
            return null;
        }
        double dLon = dLat / cos;
        if (p.lon() - dLon <= -180 || p.lon() + dLon >= 180) {
            return null;
        }
        long south = (long) Math.floor((p.lat() - dLat) / CELL_DEGREES);
        long north = (long) Math.floor((p.lat() + dLat) / CELL_DEGREES);
        long west = (long) Math.floor((p.lon() - dLon) / CELL_DEGREES);
        long east = (long) Math.floor((p.lon() + dLon) / CELL_DEGREES);
        if ((north - south + 1) * (east - west + 1) > MOST_CELLS) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        for (long row = south; row <= north; row++) {
            for (long column = west; column <= east; column++) {
                cells.add(claim.category() + "#" + row + "#" + column);
            }
        }
        return cells;
    }

    private void lockInPostgres(List<Key> keys) {
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>(keys.size() * 3);
        for (Key key : keys) {
            values.append(values.isEmpty() ? "(?, ?, ?)" : ", (?, ?, ?)");
            params.add(key.cell() ? ADVISORY_CELL_CLASS : ADVISORY_CLASS);
            params.add(key.name());
            params.add(key.shared());
        }
        // A VALUES list is read in its order, so the locks are taken in the order of the keys.
        jdbc.sql("SELECT COUNT(*) FROM (SELECT CASE WHEN t.s"
                        + " THEN pg_advisory_xact_lock_shared(t.c, hashtext(current_schema() || '/' || t.k))"
                        + " ELSE pg_advisory_xact_lock(t.c, hashtext(current_schema() || '/' || t.k)) END"
                        + " FROM (VALUES " + values + ") AS t(c, k, s)) AS taken")
                .params(params)
                .query(Long.class)
                .single();
    }

    private void lockInThisJvm(List<Key> keys) {
        List<Lock> taken = new ArrayList<>();
        boolean[] stripeTaken = new boolean[cellStripes.length];
        List<Integer> stripes = new ArrayList<>();
        for (Key key : keys) {
            if (key.cell()) {
                int stripe = Math.floorMod(key.name().hashCode(), cellStripes.length);
                if (!stripeTaken[stripe] && !cellStripes[stripe].isHeldByCurrentThread()) {
                    stripeTaken[stripe] = true;
                    stripes.add(stripe);
                }
                continue;
            }
            ReentrantReadWriteLock lock = categories.computeIfAbsent(key.name(), c -> new ReentrantReadWriteLock());
            Lock side = key.shared() ? lock.readLock() : lock.writeLock();
            side.lock();
            taken.add(side);
        }
        // Stripes in index order: the order of every transaction on this node.
        stripes.sort(null);
        for (int stripe : stripes) {
            cellStripes[stripe].lock();
            taken.add(cellStripes[stripe]);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                for (int i = taken.size() - 1; i >= 0; i--) {
                    taken.get(i).unlock();
                }
            }
        });
    }

    /** The locks the current transaction holds, by name, and whether each is held shared. */
    @SuppressWarnings("unchecked")
    private Map<String, Boolean> heldInThisTransaction() {
        Map<String, Boolean> held = (Map<String, Boolean>) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            Map<String, Boolean> fresh = new HashMap<>();
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
