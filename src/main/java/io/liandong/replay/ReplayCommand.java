package io.liandong.replay;

import io.liandong.replay.internal.EmbeddedCenter;
import io.liandong.replay.internal.SummaryTable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liandong replay FILE}: feeds a recorded public call log through the intake API of a
 * running center, or of one started in this process. See {@code docs/replay.md}.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        version = "liandong replay 0.1",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Replays a recorded call log (CSV) into a center: one report per call through POST /api/reports,"
                    + " then the agencies' dispatch, acknowledge, arrive and complete steps from the units' times.",
            "Without --url it starts a center in this process (embedded H2 under --home) and stops it at the end.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every row was accepted, or rejected for its own data (400/422)",
            "2:some row failed for another reason (5xx, 401/403, timeout, connection refused)",
            "64:bad command line or mapping file"
        })
public final class ReplayCommand implements Callable<Integer> {

    private final Class<?> application;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The call log: CSV with a header row.")
    private Path input;

    @Option(
            names = {"-m", "--mapping"},
            paramLabel = "FILE",
            description = "Mapping file (default: the only *.mapping.yaml next to FILE).")
    private @Nullable Path mapping;

    @Option(names = "--url", paramLabel = "URL", description = "A running center, e.g. http://127.0.0.1:8080.")
    private @Nullable URI url;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "NAME",
            description = "User to log in as; needs the ADMIN role (default with --url: admin).")
    private @Nullable String user;

    @Option(
            names = {"-p", "--password"},
            paramLabel = "PASSWORD",
            arity = "0..1",
            interactive = true,
            description = "Password; without a value it is asked for (default: $LIANDONG_REPLAY_PASSWORD).")
    private @Nullable String password;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "API token instead of user and password (default: $LIANDONG_REPLAY_TOKEN).")
    private @Nullable String token;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private PaceOptions pace;

    static final class PaceOptions {
        @Option(names = "--max", description = "Send as fast as the center takes them (the default).")
        boolean max;

        @Option(names = "--speed", paramLabel = "N", description = "Send at N times the log's own pace.")
        @Nullable
        Double speed;
    }

    @Option(
            names = {"-c", "--concurrency"},
            paramLabel = "N",
            defaultValue = "4",
            description = "Client threads; rows of one call stay in order (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(
            names = "--rejects",
            paramLabel = "FILE",
            description = "Where to write rows not taken (default: replay/<FILE without .csv>.rejects.csv"
                    + " under --home, $LIANDONG_HOME or ./data).")
    private @Nullable Path rejects;

    @Option(
            names = "--keep-running",
            description = "Keep the in-process center running after the replay, to look at it; Ctrl+C stops it.")
    private boolean keepRunning;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Data folder of the in-process center, and of the rejects file (default: $LIANDONG_HOME"
                    + " or ./data).")
    private @Nullable Path home;

    @Option(
            names = "--shift-days",
            paramLabel = "N|auto",
            defaultValue = "0",
            description = "Add N whole days to every time of the log; auto: so that its last time falls within"
                    + " the last 24 hours (default: ${DEFAULT-VALUE}).")
    private String shiftDays;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Longest wait for one answer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(
            names = "--max-failures",
            paramLabel = "N",
            defaultValue = "100",
            description = "Stop sending reports after N failed calls; 0 never stops (default: ${DEFAULT-VALUE}).")
    private long maxFailures;

    @Option(
            names = "--merge-window",
            paramLabel = "DURATION",
            defaultValue = "PT1H",
            description = "Calls of one category this close in time (and --merge-radius in space) are filed in log"
                    + " order, so merging does not depend on thread timing; keep it at least the center's"
                    + " merge window (default: ${DEFAULT-VALUE}).")
    private Duration mergeWindow;

    @Option(
            names = "--merge-radius",
            paramLabel = "METRES",
            defaultValue = "1000",
            description = "See --merge-window; at least the center's merge distance (default: ${DEFAULT-VALUE}).")
    private double mergeRadius;

    @Option(
            names = "--progress",
            paramLabel = "auto|bar|lines|none",
            defaultValue = "auto",
            description = "Progress on standard error (default: ${DEFAULT-VALUE}).")
    private String progress;

    @Option(names = "--dry-run", description = "Read and map the log, count and write rejects; send nothing.")
    private boolean dryRun;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the in-process center's own log.")
    private boolean verbose;

    /**
     * {@code application} is the Spring Boot application class to start when no URL is given;
     * {@code err} gets progress and messages.
     */
    public ReplayCommand(Class<?> application, PrintStream err) {
        this.application = application;
        this.err = err;
    }

    /** Runs {@code replay} with {@code args} on standard output and error; answers the exit status. */
    public static int execute(Class<?> application, String... args) {
        return commandLine(application, System.out, System.err).execute(args);
    }

    /** The command line writing to {@code out} and {@code err}, with usage errors answered by exit status 64. */
    public static CommandLine commandLine(Class<?> application, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(application, err));
        commandLine.setCommandName("liandong replay");
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((ex, args) -> {
            PrintWriter usage = ex.getCommandLine().getErr();
            usage.println("replay: " + ex.getMessage());
            usage.println("Try 'liandong replay --help' for the options.");
            usage.flush();
            return ReplaySummary.USAGE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            return replay();
        } catch (ReplayException e) {
            err.println("replay: " + e.getMessage());
            return e.exitCode();
        }
    }

    private int replay() throws ReplayException, InterruptedException {
        ReplaySettings settings = settings();
        ProgressMode mode = progressMode();
        if (url != null || dryRun) {
            ReplaySummary summary = new ReplayRunner(settings, err)
                    .showProgress(mode, Duration.ofSeconds(5))
                    .run();
            print(summary);
            return summary.exitCode();
        }
        EmbeddedCenter center = startCenter();
        try {
            ReplaySettings local = new ReplaySettings(
                    settings.input(),
                    settings.mapping(),
                    center.url(),
                    center.user(),
                    center.password(),
                    null,
                    settings.speed(),
                    settings.concurrency(),
                    settings.rejects(),
                    settings.home(),
                    settings.timeout(),
                    settings.maxFailures(),
                    settings.shiftDays(),
                    settings.mergeWindow(),
                    settings.mergeRadius(),
                    false);
            ReplaySummary summary = new ReplayRunner(local, err)
                    .showProgress(mode, Duration.ofSeconds(5))
                    .run();
            print(summary);
            if (keepRunning) {
                err.println("replay: the center keeps running at " + center.url() + " - log in as " + center.user()
                        + " with password " + center.password() + "; Ctrl+C stops it.");
                center.awaitShutdown();
            }
            return summary.exitCode();
        } finally {
            center.close();
        }
    }

    private EmbeddedCenter startCenter() throws ReplayException {
        err.println("replay: starting a center in this process" + (home == null ? "" : " with its data in " + home)
                + " ...");
        try {
            EmbeddedCenter center = EmbeddedCenter.start(application, home, verbose);
            err.println("replay: the center is up at " + center.url());
            return center;
        } catch (IllegalStateException e) {
            throw new ReplayException(ReplaySummary.USAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ReplayException(
                    ReplaySummary.FAILED, "the in-process center did not start: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void print(ReplaySummary summary) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(SummaryTable.render(summary));
        out.flush();
    }

    private ReplaySettings settings() {
        if (concurrency < 1 || concurrency > 256) {
            throw usage("--concurrency must be between 1 and 256, was " + concurrency);
        }
        if (timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        if (maxFailures < 0) {
            throw usage("--max-failures must be 0 or more, was " + maxFailures);
        }
        if (mergeWindow.isNegative() || !(mergeRadius >= 0)) {
            throw usage("--merge-window and --merge-radius must not be negative");
        }
        double speed = 0;
        if (pace != null && pace.speed != null) {
            speed = pace.speed;
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw usage("--speed must be a positive number, was " + pace.speed);
            }
        }
        String apiToken = token != null ? token : System.getenv("LIANDONG_REPLAY_TOKEN");
        String pass = password != null ? password : System.getenv("LIANDONG_REPLAY_PASSWORD");
        String name = user;
        if (url != null) {
            checkUrl();
            if (keepRunning || home != null) {
                throw usage((keepRunning ? "--keep-running" : "--home") + " applies only to the in-process center,"
                        + " not with --url");
            }
            if (apiToken == null) {
                name = name == null ? "admin" : name;
                if (pass == null || pass.isEmpty()) {
                    throw usage("--url needs --password (or LIANDONG_REPLAY_PASSWORD), or --token");
                }
            }
        } else if (user != null || password != null || token != null) {
            throw usage("--user, --password and --token apply only with --url; the in-process center logs in by"
                    + " itself");
        }
        return new ReplaySettings(
                input,
                mapping,
                url == null ? URI.create("http://127.0.0.1") : url,
                name,
                pass,
                apiToken,
                speed,
                concurrency,
                rejects,
                home,
                Duration.ofSeconds(timeoutSeconds),
                maxFailures,
                shiftDays(),
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    private void checkUrl() {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw usage("--url must be an http or https address such as http://127.0.0.1:8080, was '" + url + "'");
        }
    }

    private @Nullable Long shiftDays() {
        if (shiftDays.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Long.parseLong(shiftDays.strip());
        } catch (NumberFormatException e) {
            throw usage("--shift-days must be a whole number of days or auto, was '" + shiftDays + "'");
        }
    }

    private ProgressMode progressMode() {
        try {
            return ProgressMode.valueOf(progress.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--progress must be auto, bar, lines or none, was '" + progress + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
