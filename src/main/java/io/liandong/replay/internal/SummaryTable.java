package io.liandong.replay.internal;

import io.liandong.replay.ReplaySummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link ReplaySummary} as a table a person reads at the end of a run. */
public final class SummaryTable {

    private SummaryTable() {}

    /** The table as text, lines ending in {@code \n}. */
    public static String render(ReplaySummary s) {
        StringBuilder out = new StringBuilder();
        out.append("Replay of ")
                .append(s.source())
                .append(" into ")
                .append(s.target())
                .append('\n');
        row(out, "rows read", s.rowsRead(), "");
        row(out, "calls", s.calls(), "");
        row(out, "rows accepted", s.rowsAccepted(), "");
        row(out, "rows rejected", s.rowsRejected(), "their own data was refused");
        row(out, "rows failed", s.rowsFailed(), s.rowsFailed() > 0 ? "not the rows' fault: see failures" : "");
        if (s.rowsNotSent() > 0) {
            row(out, "rows not sent", s.rowsNotSent(), "the replay stopped early");
        }
        row(out, "reports accepted", s.reportsAccepted(), "");
        row(out, "  incidents opened", s.incidentsOpened(), "");
        row(out, "  merged", s.reportsMerged(), "");
        row(out, "  diverted", s.reportsDiverted(), "");
        row(out, "  already accepted", s.reportsAlreadyAccepted(), "sent before with the same key");
        row(out, "reports rejected", s.reportsRejected(), "");
        row(out, "reports failed", s.reportsFailed(), "");
        row(out, "tasks dispatched", s.tasksDispatched(), "ordered by the replay");
        row(out, "tasks played", s.tasksPlayed(), "with at least one step sent");
        row(out, "steps played", s.stepsPlayed(), "dispatch, acknowledge, arrive, complete");
        row(out, "steps already played", s.stepsAlreadyPlayed(), "");
        row(out, "steps rejected", s.stepsRejected(), "");
        row(out, "steps failed", s.stepsFailed(), "");
        row(out, "units not mapped", s.unitsNotMapped(), "rows whose unit belongs to no agency we play");
        reasons(out, "rows rejected, by reason", s.rejectionsByReason());
        reasons(out, "steps rejected, by reason", s.stepRejectionsByReason());
        reasons(out, "failures, by reason", s.failuresByReason());
        out.append(String.format(
                Locale.ROOT,
                "  %-22s %,.1f rows/s, %,.1f reports/s%n",
                "throughput",
                s.rowsPerSecond(),
                s.reportsPerSecond()));
        out.append(String.format(
                Locale.ROOT,
                "  %-22s %s%n",
                "elapsed",
                Progress.clock(s.elapsed().toMillis() / 1000.0)));
        if (s.rejectsFile() != null) {
            // CSV rows after the header, not lines: a quoted field of a row may span several lines
            long rows = s.rowsRejected() + s.rowsFailed() + s.rowsNotSent() + s.stepsRejected();
            out.append(String.format(
                    Locale.ROOT,
                    "  %-22s %s (%,d %s)%n",
                    "rejects file",
                    s.rejectsFile(),
                    rows,
                    rows == 1 ? "row" : "rows"));
        }
        out.append(String.format(Locale.ROOT, "  %-22s %d%n", "exit status", s.exitCode()));
        return out.toString();
    }

    public static void print(ReplaySummary summary, PrintStream out) {
        out.print(render(summary));
        out.flush();
    }

    private static void row(StringBuilder out, String label, long count, String note) {
        out.append(String.format(Locale.ROOT, "  %-22s %,10d%s%n", label, count, note.isEmpty() ? "" : "   " + note));
    }

    private static void reasons(StringBuilder out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        out.append("  ").append(title).append('\n');
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> entry : sorted) {
            out.append(String.format(Locale.ROOT, "    %,8d  %s%n", entry.getValue(), entry.getKey()));
        }
    }
}
