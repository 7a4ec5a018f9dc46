package io.liandong.console.internal;

import io.liandong.record.RecordEntry;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One open console: what it may see, its bounded queue of events not yet written, and whether a
 * sender is working on it. Publishers only add to the queue; one sender at a time writes it out.
 */
final class Subscriber {

    /** Something to write to the client. */
    sealed interface Outgoing permits Entry, Heartbeat {}

    /** A record entry and its JSON, made once for every client. */
    record Entry(RecordEntry entry, String json) implements Outgoing {}

    /** A comment that keeps the connection open. */
    record Heartbeat() implements Outgoing {}

    static final Heartbeat HEARTBEAT = new Heartbeat();

    private final long number;
    private final @Nullable String agency;
    private final @Nullable Long resumeAfter;
    private final @Nullable String username;
    private final ClientSink sink;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Long> replayed = new HashSet<>();
    private final BooleanSupplier stillLoggedIn;
    private volatile boolean started;

    Subscriber(
            long number,
            @Nullable String agency,
            @Nullable Long resumeAfter,
            @Nullable String username,
            ClientSink sink,
            BooleanSupplier stillLoggedIn) {
        this.number = number;
        this.agency = agency;
        this.resumeAfter = resumeAfter;
        this.username = username;
        this.sink = sink;
        this.stillLoggedIn = stillLoggedIn;
    }

    /** The user who opened this stream, or null for a client of no user (tests). */
    @Nullable
    String username() {
        return username;
    }

    /** Whether the login that opened this stream still holds unchanged (checked at each heartbeat). */
    boolean stillLoggedIn() {
        return stillLoggedIn.getAsBoolean();
    }

    long number() {
        return number;
    }

    @Nullable
    String agency() {
        return agency;
    }

    @Nullable
    Long resumeAfter() {
        return resumeAfter;
    }

    ClientSink sink() {
        return sink;
    }

    /** An agency user sees only entries about its own agency; everyone else sees everything. */
    boolean sees(RecordEntry entry) {
        return agency == null || agency.equals(entry.agency());
    }

    /** Adds to the queue, or answers false when the client already has {@code capacity} waiting. */
    boolean enqueue(Outgoing item, int capacity) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(item);
        return true;
    }

    @Nullable
    Outgoing next() {
        Outgoing item = queue.poll();
        if (item != null) {
            queued.decrementAndGet();
        }
        return item;
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    int queued() {
        return queued.get();
    }

    /** Claims the right to write to this client; false when another sender has it. */
    boolean claim() {
        return sending.compareAndSet(false, true);
    }

    void release() {
        sending.set(false);
    }

    /** Marks the subscriber closed; true only for the first caller. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    boolean closed() {
        return closed.get();
    }

    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }

    /** Remembers an entry written during the replay, so the same entry arriving live is not sent twice. */
    void replayed(long id) {
        replayed.add(id);
    }

    boolean wasReplayed(long id) {
        return !replayed.isEmpty() && replayed.contains(id);
    }
}
