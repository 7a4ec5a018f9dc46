package io.liandong.interop.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last {@code capacity} entries this node delivered, so that a message the broker
 * delivers again (after a rebalance, a restart of the sender or a resent outbox publication) is
 * delivered once. Bounded: the oldest id is forgotten first.
 */
final class SeenEntries {

    private final int capacity;
    private final Map<Long, Boolean> ids;

    SeenEntries(int capacity) {
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > SeenEntries.this.capacity;
            }
        };
    }

    /** Remembers an id; false when it was already remembered. */
    synchronized boolean firstTime(long id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** Forgets an id whose delivery failed, so that the retry delivers it. */
    synchronized void forget(long id) {
        ids.remove(id);
    }

    synchronized int size() {
        return ids.size();
    }
}
