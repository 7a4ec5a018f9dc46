package io.liandong.shared;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for callers that each bring one item and wait for its answer. At most {@code lanes}
 * groups are worked on at once. A caller that finds a lane free takes every item waiting at that
 * moment (its own among them, at most {@code maxGroup}) and has them processed together; the other
 * callers of that group just wait for their answers. At low load a caller finds a lane free and its
 * item goes alone, with no added wait; under load the items that arrive while every lane is busy go
 * together, so that one transaction and one commit serve many of them.
 *
 * <p>Items with the same non-null {@linkplain #GroupCommit exclusive key} never share a group: the
 * later one waits for the next. The processor answers every item of its group: with a value, a
 * refusal, or {@link Entry#alone()}, which makes the item's own caller run it by itself with the
 * {@code alone} function (for a group that cannot be processed together). An item the processor left
 * unanswered is refused with an {@link IllegalStateException}. A caller whose item no lane has
 * taken within {@code maxWait} takes it back and is refused with the {@code timedOut} exception: no
 * caller waits for ever behind lanes that are stuck.
 *
 * @param <T> an item
 * @param <R> its answer
 */
public final class GroupCommit<T, R> {

    /** Processes a group; answers every entry. */
    @FunctionalInterface
    public interface Processor<T, R> {
        void process(List<Entry<T, R>> group);
    }

    /** One caller's item in a group, and its answer once given. */
    public static final class Entry<T, R> {

        private final T item;
        private final CompletableFuture<Answer<R>> answer = new CompletableFuture<>();
        private volatile boolean taken;

        private Entry(T item) {
            this.item = item;
        }

        public T item() {
            return item;
        }

        public void answer(R value) {
            answer.complete(new Answer<>(value, null, false));
        }

        public void refuse(RuntimeException refusal) {
            answer.complete(new Answer<>(null, refusal, false));
        }

        /** The item's own caller runs it by itself. */
        public void alone() {
            answer.complete(new Answer<>(null, null, true));
        }

        public boolean answered() {
            return answer.isDone();
        }
    }

    private record Answer<R>(@Nullable R value, @Nullable RuntimeException refusal, boolean alone) {}

    private final Semaphore lanes;
    private final int maxGroup;
    private final Function<T, @Nullable Object> exclusiveKey;
    private final Processor<T, R> processor;
    private final Function<T, R> alone;
    private final long maxWaitNanos;
    private final Supplier<RuntimeException> timedOut;
    private final ArrayDeque<Entry<T, R>> waiting = new ArrayDeque<>();

    /**
     * @param lanes groups worked on at once, at least 1
     * @param maxGroup the most items in one group, at least 1
     * @param exclusiveKey items with equal non-null keys go in different groups
     * @param processor answers each item of a group
     * @param alone runs one item by itself, on its caller's thread
     * @param maxWait how long an item may wait for a lane to take it
     * @param timedOut the refusal of an item that no lane took within {@code maxWait}
     */
    public GroupCommit(
            int lanes,
            int maxGroup,
            Function<T, @Nullable Object> exclusiveKey,
            Processor<T, R> processor,
            Function<T, R> alone,
            Duration maxWait,
            Supplier<RuntimeException> timedOut) {
        if (lanes < 1 || maxGroup < 1) {
            throw new IllegalArgumentException(
                    "lanes and maxGroup must be at least 1, were " + lanes + ", " + maxGroup);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
        this.lanes = new Semaphore(lanes);
        this.maxGroup = maxGroup;
        this.exclusiveKey = Objects.requireNonNull(exclusiveKey);
        this.processor = Objects.requireNonNull(processor);
        this.alone = Objects.requireNonNull(alone);
        this.maxWaitNanos = maxWait.toNanos();
        this.timedOut = Objects.requireNonNull(timedOut);
    }

    /**
     * Hands in an item and waits for its answer; a refusal is thrown on the caller's thread.
     *
     * @throws RuntimeException the refusal the processor gave this item, or the {@code timedOut} one
     *     when no lane took it in time (it is then not processed at all)
     */
    public R submit(T item) {
        Entry<T, R> entry = new Entry<>(item);
        long deadline = System.nanoTime() + maxWaitNanos;
        synchronized (waiting) {
            waiting.addLast(entry);
        }
        while (!entry.answered()) {
            if (!acquireLane(deadline)) {
                synchronized (waiting) {
                    if (!entry.taken) {
                        waiting.remove(entry);
                        throw timedOut.get();
                    }
                }
                break; // a group took it just now: wait for its answer
            }
            List<Entry<T, R>> group;
            try {
                synchronized (waiting) {
                    group = entry.taken ? List.of() : take();
                }
                if (group.isEmpty()) {
                    break; // another caller's group holds this item: wait for its answer
                }
                process(group);
            } finally {
                lanes.release();
            }
            if (entry.taken) {
                break;
            }
        }
        Answer<R> answer = entry.answer.join();
        if (answer.alone()) {
            return alone.apply(item);
        }
        if (answer.refusal() != null) {
            throw answer.refusal();
        }
        return answer.value();
    }

    /** A lane, if one frees before the deadline; an interrupted caller keeps waiting, as for a lock. */
    private boolean acquireLane(long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return lanes.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Items handed in and not yet taken into a group. */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Every waiting item up to {@code maxGroup}, in their order, leaving those whose key is already in. */
    private List<Entry<T, R>> take() {
        List<Entry<T, R>> group = new ArrayList<>(Math.min(maxGroup, waiting.size()));
        Set<Object> keys = new HashSet<>();
        for (Iterator<Entry<T, R>> it = waiting.iterator(); it.hasNext() && group.size() < maxGroup; ) {
            Entry<T, R> next = it.next();
            Object key = exclusiveKey.apply(next.item);
            if (key == null || keys.add(key)) {
                it.remove();
                next.taken = true;
                group.add(next);
            }
        }
        return group;
    }

    /** Has the processor answer the group; whatever it left unanswered is refused, so nobody waits. */
    private void process(List<Entry<T, R>> group) {
        try {
            processor.process(group);
        } catch (RuntimeException failure) {
            refuseUnanswered(group, failure);
            return;
        } catch (Error error) {
            refuseUnanswered(group, new CompletionException(error));
            throw error;
        }
        refuseUnanswered(group, new IllegalStateException("an item of a group was left unanswered"));
    }

    private static <T, R> void refuseUnanswered(List<Entry<T, R>> group, RuntimeException refusal) {
        for (Entry<T, R> entry : group) {
            if (!entry.answered()) {
                entry.refuse(refusal);
            }
        }
    }
}
