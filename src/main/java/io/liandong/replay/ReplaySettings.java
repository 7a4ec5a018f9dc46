package io.liandong.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Everything a replay run needs to know. Start from {@link #of} and change what differs:
 * {@code ReplaySettings.of(log, url, "admin", password).withSpeed(60).withConcurrency(8)}.
 *
 * @param input the call log (CSV with a header row)
 * @param mapping the mapping file; {@code null}: the only {@code *.mapping.yaml} next to the log
 * @param url the center's base address, e.g. {@code http://127.0.0.1:8080}
 * @param user user to log in as (needs the ADMIN role to file reports, order and step tasks)
 * @param password that user's password
 * @param token an API token to use instead of user and password
 * @param speed {@code 0} for as fast as the center takes them, else N times real time
 * @param concurrency client threads
 * @param rejects where to write rows not taken; {@code null}: {@code
 *     <home>/replay/<input name without .csv>.rejects.csv}
 * @param home the center's data folder, under which the rejects file goes by default; {@code
 *     null}: {@code $LIANDONG_HOME} or {@code ./data}
 * @param timeout how long to wait for one answer
 * @param maxFailures stop sending reports after this many failed calls; {@code 0}: never
 * @param shiftDays whole days added to every time of the log ({@code null}: automatic, so that
 *     the log's last time falls within the last 24 hours)
 * @param mergeWindow, mergeRadius calls that could merge are filed in log order; must be at least
 *     the center's merge settings for counts not to depend on thread timing
 * @param dryRun read and map the log, send nothing
 */
public record ReplaySettings(
        Path input,
        @Nullable Path mapping,
        URI url,
        @Nullable String user,
        @Nullable String password,
        @Nullable String token,
        double speed,
        int concurrency,
        @Nullable Path rejects,
        @Nullable Path home,
        Duration timeout,
        long maxFailures,
        @Nullable Long shiftDays,
        Duration mergeWindow,
        double mergeRadius,
        boolean dryRun) {

    /** Defaults: as fast as possible, 4 clients, 30 s timeout, stop after 100 failed calls, no time shift. */
    public static ReplaySettings of(Path input, URI url, @Nullable String user, @Nullable String password) {
        return new ReplaySettings(
                input,
                null,
                url,
                user,
                password,
                null,
                0,
                4,
                null,
                null,
                Duration.ofSeconds(30),
                100,
                0L,
                Duration.ofHours(1),
                1000,
                false);
    }

    public ReplaySettings withMapping(@Nullable Path file) {
        return new ReplaySettings(
                input,
                file,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withToken(@Nullable String apiToken) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                apiToken,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withSpeed(double times) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                times,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withConcurrency(int clients) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                clients,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withRejects(@Nullable Path file) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                file,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withTimeout(Duration wait) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                wait,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withMaxFailures(long calls) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                calls,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    /** {@code null} shifts automatically. */
    public ReplaySettings withShiftDays(@Nullable Long days) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                days,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    public ReplaySettings withMergeGuard(Duration window, double radiusMetres) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                window,
                radiusMetres,
                dryRun);
    }

    public ReplaySettings withDryRun(boolean nothingSent) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                home,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                nothingSent);
    }

    public ReplaySettings withHome(@Nullable Path folder) {
        return new ReplaySettings(
                input,
                mapping,
                url,
                user,
                password,
                token,
                speed,
                concurrency,
                rejects,
                folder,
                timeout,
                maxFailures,
                shiftDays,
                mergeWindow,
                mergeRadius,
                dryRun);
    }

    /**
     * The rejects file to write: {@code rejects} if given, else {@code replay/<log>.rejects.csv}
     * under the data folder, never next to the log (the shipped samples sit in the source tree).
     */
    public Path rejectsFile() {
        if (rejects != null) {
            return rejects;
        }
        String name = input.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            name = name.substring(0, name.length() - ".csv".length());
        }
        return dataHome().resolve("replay").resolve(name + ".rejects.csv").toAbsolutePath();
    }

    /** {@code home}, else {@code $LIANDONG_HOME}, else {@code ./data}: the folder the center itself uses. */
    public Path dataHome() {
        if (home != null) {
            return home;
        }
        String configured = System.getenv("LIANDONG_HOME");
        return Path.of(configured == null || configured.isBlank() ? "data" : configured);
    }
}
