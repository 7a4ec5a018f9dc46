package io.liandong.replay.internal;

import io.liandong.replay.ReplaySummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** Thread-safe counts of a replay in progress, and the rows to write to the rejects file. */
public final class Tally {

    /** How a row ended, as written in the rejects file's {@code outcome} column. */
    public enum RowOutcome {
        ACCEPTED,
        REJECTED,
        FAILED,
        NOT_SENT,
        STEP_REJECTED
    }

    /** A line of the rejects file. */
    public record Entry(SourceRow row, RowOutcome outcome, String detail) {}

    private final AtomicLong rowsDone = new AtomicLong();
    private final LongAdder rowsAccepted = new LongAdder();
    private final LongAdder rowsRejected = new LongAdder();
    private final LongAdder rowsFailed = new LongAdder();
    private final LongAdder rowsNotSent = new LongAdder();
    private final LongAdder reportsAccepted = new LongAdder();
    private final LongAdder reportsAlready = new LongAdder();
    private final LongAdder reportsRejected = new LongAdder();
    private final LongAdder reportsFailed = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder merged = new LongAdder();
    private final LongAdder diverted = new LongAdder();
    private final LongAdder tasksDispatched = new LongAdder();
    private final LongAdder tasksPlayed = new LongAdder();
    private final LongAdder stepsPlayed = new LongAdder();
    private final LongAdder stepsAlready = new LongAdder();
    private final LongAdder stepsRejected = new LongAdder();
    private final LongAdder stepsFailed = new LongAdder();
    private final LongAdder unitsNotMapped = new LongAdder();
    private final AtomicLong callFailures = new AtomicLong();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> stepRejections = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /** Rows whose fate is settled, for the progress bar. */
    public long rowsDone() {
        return rowsDone.get();
    }

    /** Calls that had at least one failure. */
    public long callFailures() {
        return callFailures.get();
    }

    public void rowAccepted(SourceRow row) {
        rowsAccepted.increment();
        rowsDone.incrementAndGet();
    }

    public void rowRejected(SourceRow row, Rejection rejection) {
        rowsRejected.increment();
        count(rejections, rejection.reason());
        entry(row, RowOutcome.REJECTED, rejection.detail());
        rowsDone.incrementAndGet();
    }

    public void rowFailed(SourceRow row, Rejection failure) {
        rowsFailed.increment();
        entry(row, RowOutcome.FAILED, failure.detail());
        rowsDone.incrementAndGet();
    }

    public void rowNotSent(SourceRow row, String why) {
        rowsNotSent.increment();
        entry(row, RowOutcome.NOT_SENT, why);
        rowsDone.incrementAndGet();
    }

    /** A report the center took; {@code outcome} is counted only for new reports. */
    public void reportAccepted(boolean already, String outcome) {
        reportsAccepted.increment();
        if (already) {
            reportsAlready.increment();
            return;
        }
        switch (outcome) {
            case "INCIDENT_OPENED" -> opened.increment();
            case "MERGED" -> merged.increment();
            case "DIVERTED" -> diverted.increment();
            default -> count(failures, "unknown intake outcome '" + outcome + "'");
        }
    }

    public void reportRejected() {
        reportsRejected.increment();
    }

    /** A call's report failed; {@code failure} is counted by reason. */
    public void reportFailed(Rejection failure) {
        reportsFailed.increment();
        failure(failure);
    }

    /** One failed request (report or step), counted by reason. */
    public void failure(Rejection failure) {
        count(failures, failure.reason());
    }

    public void callFailed() {
        callFailures.incrementAndGet();
    }

    public void taskDispatched() {
        tasksDispatched.increment();
    }

    public void taskPlayed() {
        tasksPlayed.increment();
    }

    public void stepPlayed() {
        stepsPlayed.increment();
    }

    public void stepAlreadyPlayed() {
        stepsAlready.increment();
    }

    public void stepRejected(SourceRow row, Rejection rejection) {
        stepsRejected.increment();
        count(stepRejections, rejection.reason());
        entry(row, RowOutcome.STEP_REJECTED, rejection.detail());
    }

    public void stepFailed(Rejection failure) {
        stepsFailed.increment();
        failure(failure);
    }

    public void unitsNotMapped(long count) {
        unitsNotMapped.add(count);
    }

    /** The rejects file's lines, by row number and then outcome. */
    public synchronized List<Entry> entries() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((Entry e) -> e.row().row())
                .thenComparing(Entry::outcome)
                .thenComparing(Entry::detail));
        return sorted;
    }

    /** The counts so far as a summary. */
    public ReplaySummary summary(
            String source, String target, long rowsRead, long calls, Duration elapsed, @Nullable Path rejectsFile) {
        return new ReplaySummary(
                source,
                target,
                rowsRead,
                calls,
                rowsAccepted.sum(),
                rowsRejected.sum(),
                rowsFailed.sum(),
                rowsNotSent.sum(),
                reportsAccepted.sum(),
                reportsAlready.sum(),
                reportsRejected.sum(),
                reportsFailed.sum(),
                opened.sum(),
                merged.sum(),
                diverted.sum(),
                tasksDispatched.sum(),
                tasksPlayed.sum(),
                stepsPlayed.sum(),
                stepsAlready.sum(),
                stepsRejected.sum(),
                stepsFailed.sum(),
                unitsNotMapped.sum(),
                snapshot(rejections),
                snapshot(stepRejections),
                snapshot(failures),
                elapsed,
                rejectsFile);
    }

    private synchronized void entry(SourceRow row, RowOutcome outcome, String detail) {
        entries.add(new Entry(row, outcome, detail));
    }

    private static void count(Map<String, LongAdder> counts, String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }
}
