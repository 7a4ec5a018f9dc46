package io.liandong.replay;

import io.liandong.replay.internal.CallLog;
import io.liandong.replay.internal.CallPlanner;
import io.liandong.replay.internal.CenterSession;
import io.liandong.replay.internal.Conductor;
import io.liandong.replay.internal.Mapping;
import io.liandong.replay.internal.MappingException;
import io.liandong.replay.internal.MappingReader;
import io.liandong.replay.internal.MergeGuard;
import io.liandong.replay.internal.Pace;
import io.liandong.replay.internal.PlannedCall;
import io.liandong.replay.internal.Progress;
import io.liandong.replay.internal.RejectsFile;
import io.liandong.replay.internal.Tally;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays a recorded call log into a running center: reads the log, maps it with its mapping
 * file, files one report per call through the intake API and plays the agencies' steps from the
 * units' times. {@link #run()} returns exact counts; the rows not taken go to the rejects file.
 *
 * <p>From a test against a center on a random port:
 *
 * <pre>{@code
 * ReplaySummary summary = new ReplayRunner(
 *                 ReplaySettings.of(Path.of("samples/nyc-311/nyc-311-2024-05-26.csv"), url, "admin", password),
 *                 System.err)
 *         .run();
 * assertThat(summary.reportsDiverted()).isEqualTo(191);
 * }</pre>
 */
public final class ReplayRunner {

    private final ReplaySettings settings;
    private final PrintStream err;
    private final JsonMapper json = JsonMapper.builder().build();
    private ProgressMode progressMode = ProgressMode.NONE;
    private Duration progressEvery = Duration.ofSeconds(5);

    public ReplayRunner(ReplaySettings settings, PrintStream err) {
        this.settings = settings;
        this.err = err;
    }

    /** Shows progress on standard error (none by default), lines every {@code every}. */
    public ReplayRunner showProgress(ProgressMode mode, Duration every) {
        this.progressMode = mode;
        this.progressEvery = every;
        return this;
    }

    /**
     * Runs the replay.
     *
     * @throws ReplayException if it cannot start: unreadable log, bad mapping, center unreachable
     */
    public ReplaySummary run() throws ReplayException, InterruptedException {
        long start = System.nanoTime();
        CallLog log = readLog();
        Path mappingFile = settings.mapping() != null ? settings.mapping() : findMapping(settings.input());
        Mapping mapping = readMapping(mappingFile, log);
        Duration shift = shift(mapping, log);
        List<PlannedCall> calls = new CallPlanner(mapping, log.header(), shift, json).plan(log.rows());
        List<PlannedCall> playable =
                calls.stream().filter(c -> c.rejection() == null).toList();

        Tally tally = new Tally();
        log.malformed().forEach(bad -> tally.rowRejected(bad.row(), bad.rejection()));
        for (PlannedCall call : calls) {
            if (call.rejection() != null) {
                tally.reportRejected();
                call.rows().forEach(row -> tally.rowRejected(row, call.rejection()));
            }
        }
        String target = settings.dryRun() ? "nothing (dry run)" : settings.url().toString();
        if (settings.dryRun()) {
            dryRun(playable, tally);
        } else {
            play(mapping, mappingFile, playable, tally, log.rowsRead());
        }

        Path rejects = settings.rejectsFile();
        try {
            RejectsFile.write(rejects, log.header(), tally.entries());
        } catch (IOException e) {
            throw new ReplayException(
                    ReplaySummary.FAILED, "cannot write the rejects file " + rejects + ": " + e.getMessage(), e);
        }
        String source = mapping.source().name() + " (" + settings.input().getFileName() + ")"
                + (shift.isZero() ? "" : ", times shifted by " + shift.toDays() + " days");
        return tally.summary(
                source, target, log.rowsRead(), calls.size(), Duration.ofNanos(System.nanoTime() - start), rejects);
    }

    private void play(Mapping mapping, Path mappingFile, List<PlannedCall> playable, Tally tally, long rowsRead)
            throws ReplayException, InterruptedException {
        String tokenName = "replay " + mapping.source().name() + " " + Instant.now();
        try (CenterSession session = CenterSession.open(
                settings.url(),
                settings.user(),
                settings.password(),
                settings.token(),
                settings.timeout(),
                json,
                tokenName,
                err)) {
            session.requireKnown("categories", "/api/categories", categories(mapping), mappingFile.toString());
            session.requireKnown("agencies", "/api/agencies", agencies(mapping), mappingFile.toString());
            Instant first = CallPlanner.earliest(playable);
            Pace pace = settings.speed() > 0 && first != null ? Pace.speed(settings.speed(), first) : Pace.max();
            Conductor conductor = new Conductor(
                    session.client(),
                    tally,
                    json,
                    pace,
                    settings.concurrency(),
                    settings.maxFailures(),
                    new MergeGuard(settings.mergeWindow(), settings.mergeRadius()));
            Progress.Mode mode = Progress.Mode.valueOf(progressMode.name());
            try (Progress progress = new Progress(
                    err,
                    mode,
                    rowsRead,
                    tally::rowsDone,
                    pace::logNow,
                    CallPlanner.latest(playable),
                    pace.speed(),
                    progressEvery)) {
                progress.start();
                conductor.play(playable);
            }
            if (conductor.stopped()) {
                err.println("replay: stopped sending after " + settings.maxFailures() + " failed calls");
            }
        }
    }

    private void dryRun(List<PlannedCall> playable, Tally tally) {
        for (PlannedCall call : playable) {
            call.stepRejections().forEach(step -> tally.stepRejected(step.row(), step.rejection()));
            tally.unitsNotMapped(call.unitsNotMapped());
            for (var row : call.rows()) {
                var rejection = call.rowRejections().get(row);
                if (rejection != null) {
                    tally.rowRejected(row, rejection);
                } else {
                    tally.rowAccepted(row);
                }
            }
        }
    }

    private CallLog readLog() throws ReplayException {
        Path input = settings.input();
        if (!Files.isRegularFile(input)) {
            throw new ReplayException(ReplaySummary.USAGE, "call log " + input + " does not exist or is not a file");
        }
        try {
            return CallLog.read(input);
        } catch (IOException e) {
            throw new ReplayException(ReplaySummary.USAGE, "cannot read call log " + input + ": " + e.getMessage(), e);
        }
    }

    /** The only {@code *.mapping.yaml} in the log's folder. */
    static Path findMapping(Path input) throws ReplayException {
        Path folder = input.toAbsolutePath().getParent();
        List<Path> found;
        try (Stream<Path> files = Files.list(folder)) {
            found = files.filter(f -> f.getFileName().toString().endsWith(".mapping.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ReplayException(ReplaySummary.USAGE, "cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new ReplayException(
                    ReplaySummary.USAGE,
                    (found.isEmpty() ? "no" : found.size()) + " *.mapping.yaml" + " files next to " + input
                            + "; name one with --mapping FILE");
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path mapping = found.get(0);
        return mapping.startsWith(cwd) ? cwd.relativize(mapping) : mapping;
    }

    private Mapping readMapping(Path file, CallLog log) throws ReplayException {
        try {
            return MappingReader.read(
                    file, log.header(), settings.input().getFileName().toString());
        } catch (MappingException e) {
            throw new ReplayException(ReplaySummary.USAGE, e.getMessage(), e);
        }
    }

    private Duration shift(Mapping mapping, CallLog log) {
        Long days = settings.shiftDays();
        if (days != null) {
            return Duration.ofDays(days);
        }
        Instant latest =
                CallPlanner.latest(new CallPlanner(mapping, log.header(), Duration.ZERO, json).plan(log.rows()));
        if (latest == null) {
            return Duration.ZERO;
        }
        return Duration.ofDays(
                Math.floorDiv(Duration.between(latest, Instant.now()).toSeconds(), 86_400));
    }

    private static Set<String> categories(Mapping mapping) {
        Set<String> codes = new TreeSet<>(mapping.category().table().values());
        mapping.category().byTables().values().forEach(table -> codes.addAll(table.values()));
        codes.add(mapping.category().fallback());
        codes.remove(Mapping.REJECT);
        codes.remove(Mapping.SUGGEST);
        return codes;
    }

    private static Set<String> agencies(Mapping mapping) {
        Set<String> codes = new TreeSet<>();
        if (mapping.units() != null) {
            codes.addAll(mapping.units().agency().table().values());
            @Nullable String fallback = mapping.units().agency().fallback();
            if (fallback != null) {
                codes.add(fallback);
            }
        }
        codes.remove(Mapping.SKIP);
        codes.remove(Mapping.ISSUED);
        return codes;
    }
}
