package io.liandong.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** What one sending thread saw: latencies, answers by status, outcomes. Merged after the run. */
final class RunTally {

    /** Latency from the intended send time (open loop) or the actual one (closed loop) to the answer. */
    Latencies latency = new Latencies();

    /** Latency from the actual send to the answer: the server's part, without waiting for a free connection. */
    Latencies service = new Latencies();

    final Map<String, Long> statuses = new TreeMap<>();
    final Map<String, Long> outcomes = new TreeMap<>();
    final Map<String, String> sampleErrors = new TreeMap<>();
    long sent;
    /** HTTP requests sent: {@link #sent} reports in batches, or one per report. */
    long requests;

    long succeeded;
    long lateStarts;
    /** Successful answers by whole second since the run's start, to see throughput change over the run. */
    final long[] perSecond = new long[900];

    long runStartNanos;
    long firstAnswerNanos = Long.MAX_VALUE;
    long lastAnswerNanos = Long.MIN_VALUE;
    int connectionsOpened;

    void answered(int status, String body, long startNanos, long sentNanos, long answeredNanos) {
        latency.add(answeredNanos - startNanos);
        service.add(answeredNanos - sentNanos);
        count(statuses, Integer.toString(status));
        firstAnswerNanos = Math.min(firstAnswerNanos, answeredNanos);
        lastAnswerNanos = Math.max(lastAnswerNanos, answeredNanos);
        if (status / 100 == 2) {
            succeeded++;
            long second = (answeredNanos - runStartNanos) / 1_000_000_000L;
            if (second >= 0 && second < perSecond.length) {
                perSecond[(int) second]++;
            }
            count(outcomes, outcome(body));
        } else {
            sampleErrors.putIfAbsent(Integer.toString(status), abbreviate(body));
        }
    }

    /**
     * The answer to a batch of {@code startNanos.length} reports, counted per report: each report's latency runs
     * from its own start (due) time to the batch's answer, each gets the batch's status, and on success each its
     * own outcome, read from the answer's {@code results} in request order.
     */
    void answeredBatch(int status, String body, long[] startNanos, long sentNanos, long answeredNanos) {
        int reports = startNanos.length;
        for (long start : startNanos) {
            latency.add(answeredNanos - start);
            service.add(answeredNanos - sentNanos);
        }
        count(statuses, Integer.toString(status), reports);
        firstAnswerNanos = Math.min(firstAnswerNanos, answeredNanos);
        lastAnswerNanos = Math.max(lastAnswerNanos, answeredNanos);
        if (status / 100 != 2) {
            sampleErrors.putIfAbsent(Integer.toString(status), abbreviate(body));
            return;
        }
        succeeded += reports;
        long second = (answeredNanos - runStartNanos) / 1_000_000_000L;
        if (second >= 0 && second < perSecond.length) {
            perSecond[(int) second] += reports;
        }
        List<String> found = batchOutcomes(body);
        for (int k = 0; k < reports; k++) {
            count(outcomes, k < found.size() ? found.get(k) : "missing");
        }
        if (found.size() != reports) {
            sampleErrors.putIfAbsent(
                    "results",
                    "a batch of " + reports + " reports was answered with " + found.size() + " results: "
                            + abbreviate(body));
        }
    }

    void failed(Exception e) {
        failed(e, 1);
    }

    /** A request of {@code reports} reports that got no answer: each of them counts as failed. */
    void failed(Exception e, int reports) {
        String kind = "io:" + e.getClass().getSimpleName();
        count(statuses, kind, reports);
        sampleErrors.putIfAbsent(kind, abbreviate(String.valueOf(e.getMessage())));
    }

    /**
     * The outcome of each entry of a batch answer's {@code results} array, in order (as {@link #outcome} reads
     * it from a single answer). Reads the JSON with the JDK only: it finds the array and splits it into its
     * top-level elements, minding strings and their escapes. Empty when there is no such array.
     */
    static List<String> batchOutcomes(String body) {
        List<String> found = new ArrayList<>();
        int at = body.indexOf("\"results\"");
        while (at >= 0) {
            int colon = skipSpace(body, at + 9);
            if (colon < body.length() && body.charAt(colon) == ':') {
                int open = skipSpace(body, colon + 1);
                if (open < body.length() && body.charAt(open) == '[') {
                    splitArray(body, open, item -> found.add(outcome(item)));
                    return found;
                }
            }
            at = body.indexOf("\"results\"", at + 9);
        }
        return found;
    }

    /** Hands each top-level element of the JSON array that opens at {@code open} to {@code each}, as text. */
    private static void splitArray(String json, int open, Consumer<String> each) {
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int p = open + 1; p < json.length(); p++) {
            char c = json.charAt(p);
            if (inString) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c) && c != ',' && c != ']') {
                start = p;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}' -> depth--;
                case ']' -> {
                    if (depth == 0) {
                        if (start >= 0) {
                            each.accept(json.substring(start, p).strip());
                        }
                        return;
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 0) {
                        if (start >= 0) {
                            each.accept(json.substring(start, p).strip());
                        }
                        start = -1;
                    }
                }
                default -> {}
            }
        }
    }

    private static int skipSpace(String text, int from) {
        int p = from;
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    static RunTally merge(List<RunTally> parts) {
        RunTally all = new RunTally();
        for (RunTally part : parts) {
            part.statuses.forEach((k, v) -> all.statuses.merge(k, v, Long::sum));
            part.outcomes.forEach((k, v) -> all.outcomes.merge(k, v, Long::sum));
            part.sampleErrors.forEach(all.sampleErrors::putIfAbsent);
            all.sent += part.sent;
            all.requests += part.requests;
            all.succeeded += part.succeeded;
            all.lateStarts += part.lateStarts;
            all.firstAnswerNanos = Math.min(all.firstAnswerNanos, part.firstAnswerNanos);
            all.lastAnswerNanos = Math.max(all.lastAnswerNanos, part.lastAnswerNanos);
            all.connectionsOpened += part.connectionsOpened;
            for (int i = 0; i < all.perSecond.length; i++) {
                all.perSecond[i] += part.perSecond[i];
            }
        }
        all.latency = Latencies.merge(parts.stream().map(p -> p.latency).toList());
        all.service = Latencies.merge(parts.stream().map(p -> p.service).toList());
        return all;
    }

    long failures() {
        return sent - succeeded;
    }

    private static String outcome(String body) {
        int at = body.indexOf("\"outcome\":\"");
        if (at < 0) {
            return "unknown";
        }
        int from = at + 11;
        int end = body.indexOf('"', from);
        String outcome = end > from ? body.substring(from, end) : "unknown";
        // an opened incident with a plan writes several tasks: counted apart, for bench/pg-raw.sh's mix
        return outcome.equals("INCIDENT_OPENED") && body.contains("\"plan\":\"") ? outcome + "+plan" : outcome;
    }

    private static void count(Map<String, Long> counts, String key) {
        count(counts, key, 1);
    }

    private static void count(Map<String, Long> counts, String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
