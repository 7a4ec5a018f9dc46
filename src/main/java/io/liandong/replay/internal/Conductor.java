package io.liandong.replay.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays calls with a fixed number of client threads. Each call is a chain of moves run by one
 * thread at a time; a move waits for its time ({@link Pace}) and for its gate (earlier calls it
 * might merge with; earlier calls on the same incident) without holding a thread. After
 * {@code maxFailures} failed calls no further report is sent.
 */
public final class Conductor {

    private final CenterClient center;
    private final Tally tally;
    private final JsonMapper json;
    private final Pace pace;
    private final int concurrency;
    private final long maxFailures;
    private final MergeGuard guard;

    private final ConcurrentMap<Long, CompletableFuture<Void>> incidentTails = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private ScheduledThreadPoolExecutor executor;
    private CountDownLatch remaining;

    public Conductor(
            CenterClient center,
            Tally tally,
            JsonMapper json,
            Pace pace,
            int concurrency,
            long maxFailures,
            MergeGuard guard) {
        this.center = center;
        this.tally = tally;
        this.json = json;
        this.pace = pace;
        this.concurrency = concurrency;
        this.maxFailures = maxFailures;
        this.guard = guard;
    }

    /** Whether the replay stopped sending reports because too many calls failed. */
    public boolean stopped() {
        return stopped;
    }

    /** Plays {@code calls} (playable ones, by received time) and returns when all are settled. */
    public void play(List<PlannedCall> calls) throws InterruptedException {
        List<int[]> predecessors = guard.predecessors(calls);
        List<CallRun> runs = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            CallRun run = new CallRun(calls.get(i), center, tally, json, incidentTails);
            runs.add(run);
            int[] before = predecessors.get(i);
            if (before.length > 0) {
                CompletableFuture<?>[] gates = new CompletableFuture<?>[before.length];
                for (int k = 0; k < before.length; k++) {
                    gates[k] = runs.get(before[k]).filed;
                }
                run.fileAfter(CompletableFuture.allOf(gates));
            }
        }
        AtomicInteger threads = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(concurrency, task -> {
            Thread thread = new Thread(task, "replay-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        remaining = new CountDownLatch(runs.size());
        pace.start();
        try {
            for (CallRun run : runs) {
                executor.schedule(
                        () -> advance(run),
                        Math.max(0, pace.delayNanos(run.call().receivedAt())),
                        TimeUnit.NANOSECONDS);
            }
            remaining.await();
        } finally {
            executor.shutdownNow();
        }
    }

    /** Plays as many of the call's moves as are due and unblocked, then hands the call back. */
    private void advance(CallRun run) {
        try {
            while (!run.done()) {
                if (!run.started() && stopped) {
                    break;
                }
                long delay = pace.delayNanos(run.nextAt());
                if (delay > 0) {
                    executor.schedule(() -> advance(run), delay, TimeUnit.NANOSECONDS);
                    return;
                }
                CompletableFuture<?> gate = run.gate();
                if (!gate.isDone()) {
                    gate.whenComplete((ignored, error) -> executor.execute(() -> advance(run)));
                    return;
                }
                run.playNext();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.crash(e);
        } catch (RuntimeException | Error e) {
            run.crash(e);
        }
        run.finish(stopped ? "not sent: the replay stopped after " + maxFailures + " failed calls" : null);
        if (maxFailures > 0 && tally.callFailures() >= maxFailures) {
            stopped = true;
        }
        remaining.countDown();
    }
}
