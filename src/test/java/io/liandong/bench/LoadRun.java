package io.liandong.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase of load: a warm-up or the measured run. In open loop, report {@code i} is due at
 * {@code start + i / rate}; each connection's thread takes the next due report, waits for its
 * time and sends it, and its latency counts from the time it was due, so a stalled server is
 * charged for every report that queued behind the stall (no coordinated omission). In closed loop
 * each thread sends the next report as soon as it has the previous answer.
 */
final class LoadRun {

    /** The outcome of a phase. */
    record Result(String tag, RunTally tally, long planned, long startNanos, long[] startTimes, long[] answerTimes) {

        /** Seconds from the first due send to the last answer. */
        double seconds() {
            return tally.lastAnswerNanos == Long.MIN_VALUE ? 0 : (tally.lastAnswerNanos - startNanos) / 1e9;
        }

        /** Successful reports per second over {@link #seconds()}. */
        double throughput() {
            double s = seconds();
            return s <= 0 ? 0 : tally.succeeded / s;
        }
    }

    private static final long LATE_NANOS = 1_000_000;

    private final LoadOptions options;
    private final ReportMix mix;
    private final String authorization;
    private final String tag;
    private final Duration duration;
    private final AtomicLong next = new AtomicLong();
    private long[] startTimes;
    private long[] answerTimes;
    private long planned;
    private long startNanos;
    private long stopNanos;

    LoadRun(LoadOptions options, ReportMix mix, String authorization, String tag, Duration duration) {
        this.options = options;
        this.mix = mix;
        this.authorization = authorization;
        this.tag = tag;
        this.duration = duration;
    }

    Result run(boolean keepStartTimes) throws InterruptedException {
        planned = options.max()
                ? options.limit()
                : Math.min(options.limit(), Math.round(options.rate() * duration.toNanos() / 1e9));
        if (keepStartTimes) {
            long capacity = options.max()
                    ? Math.min(planned, (long) (duration.toSeconds() * LoadOptions.HIGHEST_RATE))
                    : planned;
            startTimes = new long[(int) capacity];
            answerTimes = new long[(int) capacity];
        }
        startNanos = System.nanoTime() + 200_000_000L;
        stopNanos = startNanos
                + duration.toNanos()
                + (options.max() ? 0 : options.drain().toNanos());

        List<RunTally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            RunTally tally = new RunTally();
            tally.runStartNanos = startNanos;
            tallies.add(tally);
            Thread thread = new Thread(() -> work(tally), "load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        long patience = duration.toMillis()
                + options.drain().toMillis()
                + options.timeout().toMillis()
                + 10_000;
        for (Thread thread : threads) {
            thread.join(Math.max(1, patience));
        }
        return new Result(tag, RunTally.merge(tallies), planned, startNanos, startTimes, answerTimes);
    }

    private void work(RunTally tally) {
        try (HttpConnection connection = new HttpConnection(
                options.host(), options.port(), (int) options.timeout().toMillis())) {
            if (options.max()) {
                closedLoop(tally, connection);
            } else {
                openLoop(tally, connection);
            }
            tally.connectionsOpened = connection.opened();
        }
    }

    private void openLoop(RunTally tally, HttpConnection connection) {
        double period = 1e9 / options.rate();
        for (long i = next.getAndIncrement(); i < planned; i = next.getAndIncrement()) {
            long due = startNanos + (long) (i * period);
            byte[] request = request(i);
            long now = System.nanoTime();
            if (now > stopNanos) {
                return;
            }
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (now - due > LATE_NANOS) {
                tally.lateStarts++;
            }
            send(i, request, due, now, tally, connection);
        }
    }

    private void closedLoop(RunTally tally, HttpConnection connection) {
        long now;
        while ((now = System.nanoTime()) < startNanos) {
            LockSupport.parkNanos(startNanos - now);
        }
        long end = startNanos + duration.toNanos();
        while (System.nanoTime() < end) {
            long i = next.getAndIncrement();
            if (i >= planned) {
                return;
            }
            byte[] request = request(i);
            long sent = System.nanoTime();
            send(i, request, sent, sent, tally, connection);
        }
    }

    private void send(long i, byte[] request, long due, long sent, RunTally tally, HttpConnection connection) {
        tally.sent++;
        if (startTimes != null && i < startTimes.length) {
            startTimes[(int) i] = due;
        }
        try {
            HttpConnection.Response response = connection.exchange(request);
            long answered = System.nanoTime();
            tally.answered(response.status(), response.body(), due, sent, answered);
            if (answerTimes != null && i < answerTimes.length) {
                answerTimes[(int) i] = answered;
            }
        } catch (IOException | RuntimeException e) {
            tally.failed(e);
        }
    }

    private byte[] request(long i) {
        byte[] body = mix.report(i).json("LG-" + tag + "-" + i).getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/reports HTTP/1.1\r\n"
                + "Host: " + options.host() + ":" + options.port() + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "Idempotency-Key: lg-" + tag + "-" + i + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }
}
