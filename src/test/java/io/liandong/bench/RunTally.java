package io.liandong.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    void failed(Exception e) {
        String kind = "io:" + e.getClass().getSimpleName();
        count(statuses, kind);
        sampleErrors.putIfAbsent(kind, abbreviate(String.valueOf(e.getMessage())));
    }

    static RunTally merge(List<RunTally> parts) {
        RunTally all = new RunTally();
        for (RunTally part : parts) {
            part.statuses.forEach((k, v) -> all.statuses.merge(k, v, Long::sum));
            part.outcomes.forEach((k, v) -> all.outcomes.merge(k, v, Long::sum));
            part.sampleErrors.forEach(all.sampleErrors::putIfAbsent);
            all.sent += part.sent;
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
        counts.merge(key, 1L, Long::sum);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
