package io.liandong.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Sends reports to a Liandong center on this machine and prints what it achieved: throughput,
 * latency percentiles, answers by status and intake outcomes, and, with {@code --stream}, how
 * long each report took to appear on a console's live stream. Run it with {@code bench/load.sh};
 * {@code bench/load.sh --help} lists the options. Traffic goes to loopback addresses only, and
 * every run stops by itself after its duration (plus a bounded drain of late answers).
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"usage".equals(e.getMessage())) {
                System.err.println("load: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator().run(options));
    }

    private int run(LoadOptions options) throws InterruptedException {
        String authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
        ReportMix mix = new ReportMix(options.seed(), options.repeatShare(), options.skip());
        String runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        System.out.printf(
                Locale.ROOT,
                "Liandong load: %s, %s, %d connections, %s%s, against %s (run %s, seed %d, %s, load average %.2f)%n",
                options.max() ? "closed loop (--max)" : "open loop at " + options.rate() + " reports/s",
                options.batched()
                        ? "batches of " + options.batch() + " to POST /api/reports/batch (batch=" + options.batch()
                                + ")"
                        : "one report per POST /api/reports (batch=1)",
                options.connections(),
                options.duration().toSeconds() + " s"
                        + (options.warmup().isZero()
                                ? ""
                                : " after " + options.warmup().toSeconds() + " s warm-up"),
                options.skip().isEmpty() ? "" : ", without " + String.join(",", options.skip()),
                options.url(),
                runTag,
                options.seed(),
                Instant.now(),
                loadAverage());

        StreamWatch watch =
                options.stream() ? StreamWatch.open(options.streamUrl(), authorization, options.timeout()) : null;
        try {
            if (!options.warmup().isZero()) {
                LoadRun.Result warm =
                        new LoadRun(options, mix, authorization, runTag + "w", options.warmup()).run(false);
                System.out.printf(
                        Locale.ROOT,
                        "warm-up: %d sent, %d succeeded, %.1f reports/s%n",
                        warm.tally().sent,
                        warm.tally().succeeded,
                        warm.throughput());
            }
            if (watch != null) {
                watch.follow(runTag);
            }
            ReportMix measured = new ReportMix(options.seed() + 1, options.repeatShare(), options.skip());
            LoadRun.Result result =
                    new LoadRun(options, measured, authorization, runTag, options.duration()).run(watch != null);
            print(options, result);
            System.out.printf(
                    Locale.ROOT,
                    "load generator's own CPU: %.1f s over the whole run (warm-up included)%n",
                    processCpuSeconds());
            if (watch != null) {
                watch.awaitMatched(result.tally().succeeded, Duration.ofSeconds(10));
                printStream(options, result, watch);
            }
            return result.tally().failures() == 0 ? 0 : 1;
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    private static void print(LoadOptions options, LoadRun.Result result) {
        RunTally t = result.tally();
        Latencies latency = t.latency;
        Latencies service = t.service;
        System.out.printf(
                Locale.ROOT,
                "sent %d of %d planned (batch=%d, %d requests), %d succeeded, %d failed; %d connections opened%n",
                t.sent,
                result.planned(),
                options.batch(),
                t.requests,
                t.succeeded,
                t.failures(),
                t.connectionsOpened);
        System.out.printf(
                Locale.ROOT,
                "achieved %.1f reports/s (%d succeeded in %.2f s, first due send to last answer)%n",
                result.throughput(),
                t.succeeded,
                result.seconds());
        boolean batched = options.batched();
        System.out.println(line(
                options.max()
                        ? "latency (ms, from send)"
                        : batched
                                ? "latency (ms, from each report's due time, incl. the wait for its batch)"
                                : "latency (ms, from due time)",
                latency));
        if (!options.max()) {
            System.out.println(line("service time (ms, from actual send)", service));
            System.out.printf(
                    Locale.ROOT,
                    batched
                            ? "reports whose batch was sent over 1 ms after its last report was due"
                                    + " (all connections busy, or the client short of CPU): %d%n"
                            : "sends started over 1 ms late (all connections busy, or the client short of CPU): %d%n",
                    t.lateStarts);
        }
        System.out.println((batched ? "successful reports per 10 s: " : "successful answers per 10 s: ")
                + perTenSeconds(t.perSecond, result.seconds()));
        System.out.println((batched ? "reports by their batch's answer status: " : "answers by status: ") + t.statuses);
        System.out.println("outcomes: " + t.outcomes);
        for (Map.Entry<String, String> error : t.sampleErrors.entrySet()) {
            System.out.println("  first " + error.getKey() + ": " + error.getValue());
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=%s rate=%s connections=%d batch=%d seconds=%.2f sent=%d ok=%d failed=%d"
                        + " throughput=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f load=%.2f%n",
                options.max() ? "max" : "open",
                options.max() ? "max" : Double.toString(options.rate()),
                options.connections(),
                options.batch(),
                result.seconds(),
                t.sent,
                t.succeeded,
                t.failures(),
                result.throughput(),
                ms(latency.percentile(0.5)),
                ms(latency.percentile(0.9)),
                ms(latency.percentile(0.99)),
                ms(latency.percentile(0.999)),
                ms(latency.max()),
                loadAverage());
    }

    private static void printStream(LoadOptions options, LoadRun.Result result, StreamWatch watch) {
        Latencies toEvent = new Latencies();
        Latencies afterAnswer = new Latencies();
        long[] starts = result.startTimes();
        long[] answers = result.answerTimes();
        long missing = 0;
        for (int i = 0; i < starts.length && i < result.tally().sent; i++) {
            Long arrived = watch.arrival(i);
            if (arrived == null) {
                missing++;
            } else {
                toEvent.add(arrived - starts[i]);
                if (answers[i] != 0) {
                    // negative when the event reached the stream before the answer reached the client
                    afterAnswer.add(arrived - answers[i]);
                }
            }
        }
        String node = options.streamUrl().equals(options.url()) ? "same node" : "node " + options.streamUrl();
        System.out.printf(
                Locale.ROOT,
                "console stream (%s): %d of %d sent reports seen, %d not seen%s%n",
                node,
                toEvent.count(),
                result.tally().sent,
                missing,
                watch.failure() == null ? "" : "; stream failed: " + watch.failure());
        System.out.println(line("intake -> stream event (ms, from due time)", toEvent));
        System.out.println("intake -> stream event p99 by second of due time (ms): "
                + perSecondP99(starts, i -> watch.arrival(i), result.tally().sent, result.startNanos()));
        System.out.println("answer p99 by second of due time (ms): "
                + perSecondP99(
                        starts, i -> answers[i] == 0 ? null : answers[i], result.tally().sent, result.startNanos()));
        System.out.println(line("stream event after the HTTP answer (ms; negative: before it)", afterAnswer));
        System.out.printf(
                Locale.ROOT,
                "STREAM node=%s seen=%d missing=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n",
                options.streamUrl(),
                toEvent.count(),
                missing,
                ms(toEvent.percentile(0.5)),
                ms(toEvent.percentile(0.9)),
                ms(toEvent.percentile(0.99)),
                ms(toEvent.percentile(0.999)),
                ms(toEvent.max()));
    }

    /**
     * The p99 of {@code end(i) - starts[i]} for the reports due in each second of the run, so a stall shows as the
     * seconds it hit rather than as one tail figure; reports without an end are left out.
     */
    static String perSecondP99(long[] starts, IntFunction<Long> end, long sent, long runStart) {
        List<Latencies> seconds = new ArrayList<>();
        for (int i = 0; i < starts.length && i < sent; i++) {
            Long ended = end.apply(i);
            if (ended == null) {
                continue;
            }
            int second = (int) Math.max(0, (starts[i] - runStart) / 1_000_000_000L);
            while (seconds.size() <= second) {
                seconds.add(new Latencies());
            }
            seconds.get(second).add(ended - starts[i]);
        }
        StringBuilder line = new StringBuilder();
        for (Latencies second : seconds) {
            line.append(line.length() == 0 ? "" : " ")
                    .append(
                            second.count() == 0
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.0f", ms(second.percentile(0.99))));
        }
        return line.toString();
    }

    private static String line(String label, Latencies l) {
        return String.format(
                Locale.ROOT,
                "%s: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f  (n=%d)",
                label,
                ms(l.percentile(0.5)),
                ms(l.percentile(0.9)),
                ms(l.percentile(0.99)),
                ms(l.percentile(0.999)),
                ms(l.max()),
                l.mean() / 1e6,
                l.count());
    }

    private static double ms(long nanos) {
        return nanos == Latencies.NONE ? Double.NaN : nanos / 1e6;
    }

    private static String perTenSeconds(long[] perSecond, double seconds) {
        StringBuilder line = new StringBuilder();
        for (int from = 0; from < Math.min(perSecond.length, Math.ceil(seconds)); from += 10) {
            long sum = 0;
            for (int s = from; s < from + 10 && s < perSecond.length; s++) {
                sum += perSecond[s];
            }
            line.append(line.length() == 0 ? "" : " ").append(sum);
        }
        return line.toString();
    }

    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
