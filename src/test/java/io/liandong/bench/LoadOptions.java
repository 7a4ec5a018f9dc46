package io.liandong.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The load generator's settings, read from its command line. Every run is bounded: the duration,
 * the rate, the number of connections and the number of requests have hard upper limits, and
 * the target must be a loopback address.
 */
record LoadOptions(
        URI url,
        URI streamUrl,
        String user,
        String password,
        double rate,
        boolean max,
        Duration duration,
        Duration warmup,
        int connections,
        double repeatShare,
        long seed,
        Duration timeout,
        Duration drain,
        boolean stream,
        long limit,
        Set<String> skip,
        int batch) {

    static final Duration LONGEST_RUN = Duration.ofMinutes(10);
    static final double HIGHEST_RATE = 20_000;
    static final int MOST_CONNECTIONS = 256;
    static final long MOST_REQUESTS = 2_000_000;
    static final int LARGEST_BATCH = 500;

    static final String USAGE =
            """
            bench/load.sh [options]   (sends POST /api/reports, or with --batch POST /api/reports/batch,
                                       to a center on this machine)
              --url URL            center to load, loopback only (default http://127.0.0.1:8080)
              --user NAME          HTTP Basic user (default admin)
              --password SECRET    its password (default $LIANDONG_ADMIN_PASSWORD)
              --rate N             open loop: N reports a second on a fixed schedule (default 100)
              --max                closed loop instead: each connection sends as soon as it has its answer
              --duration S         seconds to send for (default 30, at most 600)
              --warmup S           seconds of the same load first, not counted (default 0)
              --connections N      client connections, one thread each (default 16, at most 256)
              --repeat F           share of reports repeating an earlier report's category and place,
                                   so that they merge (default 0.1)
              --seed N             seed of the report mix (default: a new one each run, printed; a
                                   second run with the same seed against the same center merges into
                                   the first run's incidents)
              --timeout S          per request (default 10)
              --drain S            open loop: how long after the schedule ends to wait for late answers
                                   before giving up on the rest (default 30)
              --stream             also subscribe to GET /api/stream and time intake -> event on it
              --stream-url URL     the node whose stream to subscribe to (default --url), loopback only
              --limit N            at most N reports in all (default and hard limit 2000000)
              --batch N            send reports N at a time to POST /api/reports/batch (1..500; default 1:
                                   one report per POST /api/reports). Open loop: report i is still due at
                                   start + i/rate, and a batch of N consecutive reports goes out when its
                                   last report is due (rate/N batches a second), so each report's latency,
                                   counted from its own due time, includes the wait for its batch; closed
                                   loop: each connection sends batch after batch. Throughput, statuses,
                                   outcomes and latencies stay per report (a failed batch counts all its
                                   reports as failed); --timeout applies to each batch
              --skip A,B           leave these categories out of the mix (their share goes to the rest)
            """;

    static LoadOptions parse(String[] args) {
        URI url = URI.create("http://127.0.0.1:8080");
        URI streamUrl = null;
        String user = "admin";
        String password = System.getenv("LIANDONG_ADMIN_PASSWORD");
        double rate = 100;
        boolean max = false;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ZERO;
        int connections = 16;
        double repeat = 0.1;
        long seed = System.nanoTime() & 0xFFFFFF;
        Duration timeout = Duration.ofSeconds(10);
        Duration drain = Duration.ofSeconds(30);
        boolean stream = false;
        long limit = MOST_REQUESTS;
        Set<String> skip = Set.of();
        int batch = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--url" -> url = URI.create(value(args, ++i, arg));
                case "--stream-url" -> streamUrl = URI.create(value(args, ++i, arg));
                case "--user" -> user = value(args, ++i, arg);
                case "--password" -> password = value(args, ++i, arg);
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, arg));
                case "--max" -> max = true;
                case "--duration" -> duration = seconds(value(args, ++i, arg));
                case "--warmup" -> warmup = seconds(value(args, ++i, arg));
                case "--connections" -> connections = Integer.parseInt(value(args, ++i, arg));
                case "--repeat" -> repeat = Double.parseDouble(value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--timeout" -> timeout = seconds(value(args, ++i, arg));
                case "--drain" -> drain = seconds(value(args, ++i, arg));
                case "--stream" -> stream = true;
                case "--limit" -> limit = Long.parseLong(value(args, ++i, arg));
                case "--skip" -> skip = Set.of(value(args, ++i, arg).split(","));
                case "--batch" -> batch = wholeNumber(value(args, ++i, arg), arg, 1, LARGEST_BATCH);
                case "--help", "-h" -> throw new IllegalArgumentException("usage");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password: pass --password or set LIANDONG_ADMIN_PASSWORD");
        }
        LoadOptions options = new LoadOptions(
                url,
                streamUrl == null ? url : streamUrl,
                user,
                password,
                rate,
                max,
                duration,
                warmup,
                connections,
                repeat,
                seed,
                timeout,
                drain,
                stream,
                limit,
                skip,
                batch);
        options.check();
        return options;
    }

    /** Requests the measured phase plans to send in open loop. */
    long plannedRequests() {
        return Math.min(limit, Math.round(rate * duration.toNanos() / 1e9));
    }

    String host() {
        return url.getHost();
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : 80;
    }

    private void check() {
        requireLoopback(url, "--url");
        requireLoopback(streamUrl, "--stream-url");
        within("--duration", duration.toSeconds(), 1, LONGEST_RUN.toSeconds());
        within("--warmup", warmup.toSeconds(), 0, LONGEST_RUN.toSeconds());
        within("--drain", drain.toSeconds(), 0, 300);
        within("--timeout", timeout.toSeconds(), 1, 120);
        within("--connections", connections, 1, MOST_CONNECTIONS);
        within("--limit", limit, 1, MOST_REQUESTS);
        within("--batch", batch, 1, LARGEST_BATCH);
        if (!max && !(rate > 0 && rate <= HIGHEST_RATE)) {
            throw new IllegalArgumentException("--rate must be within 0.." + HIGHEST_RATE + ", was " + rate);
        }
    }

    private static void requireLoopback(URI uri, String option) {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " must be an http:// URL, was " + uri);
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(
                        option + " must name this machine (127.0.0.1 or localhost), was " + uri.getHost());
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " names an unknown host: " + uri.getHost(), e);
        }
    }

    private static void within(String option, long value, long low, long high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(option + " must be within " + low + ".." + high + ", was " + value);
        }
    }

    private static int wholeNumber(String text, String option, int low, int high) {
        try {
            int value = Integer.parseInt(text.strip());
            within(option, value, low, high);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " must be a whole number within " + low + ".." + high + ", was " + text, e);
        }
    }

    /** Whether reports go out in batches to {@code POST /api/reports/batch} rather than one per request. */
    boolean batched() {
        return batch > 1;
    }

    private static Duration seconds(String text) {
        String s = text.toLowerCase(Locale.ROOT).strip();
        return Duration.ofMillis(
                Math.round(Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s) * 1000));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
