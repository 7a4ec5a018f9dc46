package io.liandong.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase of load: a warm-up or the measured run. In open loop, report {@code i} is due at
 * {@code start + i / rate}; each connection's thread takes the next due report, waits for its
 * time and sends it, and its latency counts from the time it was due, so a stalled server is
 * charged for every report that queued behind the stall (no coordinated omission). In closed loop
 * each thread sends the next report as soon as it has the previous answer. With {@code --batch N} the reports go
 * N consecutive ones at a time to {@code POST /api/reports/batch}: in open loop a batch is sent when its last report
 * is due, and each report's latency still counts from its own due time; in closed loop each thread sends the next
 * batch as soon as it has the previous answer.
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
        int size = options.batch();
        for (long b = next.getAndIncrement(); b * size < planned; b = next.getAndIncrement()) {
            long from = b * size;
            long to = Math.min(planned, from + size);
            long[] dues = new long[(int) (to - from)];
            for (int k = 0; k < dues.length; k++) {
                dues[k] = startNanos + (long) ((from + k) * period);
            }
            // a batch goes out when its last report is due
            long due = dues[dues.length - 1];
            byte[] request = request(from, to);
            long now = System.nanoTime();
            if (now > stopNanos) {
                return;
            }
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (now - due > LATE_NANOS) {
                tally.lateStarts += dues.length;
            }
            send(from, request, dues, now, tally, connection);
        }
    }

    private void closedLoop(RunTally tally, HttpConnection connection) {
        long now;
        while ((now = System.nanoTime()) < startNanos) {
            LockSupport.parkNanos(startNanos - now);
        }
        int size = options.batch();
        long end = startNanos + duration.toNanos();
        while (System.nanoTime() < end) {
            long from = next.getAndIncrement() * size;
            if (from >= planned) {
                return;
            }
            long to = Math.min(planned, from + size);
            byte[] request = request(from, to);
            long sent = System.nanoTime();
            long[] dues = new long[(int) (to - from)];
            Arrays.fill(dues, sent);
            send(from, request, dues, sent, tally, connection);
        }
    }

    /**
     * Sends reports {@code from .. from + dues.length - 1} in one request: report {@code from + k} was due at
     * {@code dues[k]}, and the request went out at {@code sent}.
     */
    private void send(long from, byte[] request, long[] dues, long sent, RunTally tally, HttpConnection connection) {
        tally.sent += dues.length;
        tally.requests++;
        for (int k = 0; k < dues.length; k++) {
            long i = from + k;
            if (startTimes != null && i < startTimes.length) {
                startTimes[(int) i] = dues[k];
            }
        }
        try {
            HttpConnection.Response response = connection.exchange(request);
            long answered = System.nanoTime();
            if (options.batched()) {
                tally.answeredBatch(response.status(), response.body(), dues, sent, answered);
            } else {
                tally.answered(response.status(), response.body(), dues[0], sent, answered);
            }
            for (int k = 0; k < dues.length; k++) {
                long i = from + k;
                if (answerTimes != null && i < answerTimes.length) {
                    answerTimes[(int) i] = answered;
                }
            }
        } catch (IOException | RuntimeException e) {
            tally.failed(e, dues.length);
        }
    }

    /** The request for reports {@code from .. to - 1}: one report to /api/reports, or a batch. */
    private byte[] request(long from, long to) {
        if (!options.batched()) {
            return request(
                    "/api/reports",
                    "lg-" + tag + "-" + from,
                    mix.report(from).json(externalRef(tag, from)).getBytes(StandardCharsets.UTF_8));
        }
        return request("/api/reports/batch", null, batchJson(mix, tag, from, to).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The body of {@code POST /api/reports/batch} for reports {@code from .. to - 1}: each report as it would go to
     * {@code POST /api/reports}, with the idempotency key that request would carry in its header.
     */
    static String batchJson(ReportMix mix, String tag, long from, long to) {
        StringBuilder json = new StringBuilder(512 * (int) Math.max(1, to - from)).append("{\"reports\":[");
        for (long i = from; i < to; i++) {
            json.append(i == from ? "" : ",")
                    .append("{\"idempotencyKey\":\"")
                    .append(idempotencyKey(tag, i))
                    .append("\",\"report\":")
                    .append(mix.report(i).json(externalRef(tag, i)))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    static String idempotencyKey(String tag, long i) {
        return "lg-" + tag + "-" + i;
    }

    static String externalRef(String tag, long i) {
        return "LG-" + tag + "-" + i;
    }

    private byte[] request(String path, String idempotencyKey, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + options.host() + ":" + options.port() + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }
}
