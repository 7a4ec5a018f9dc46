package io.liandong.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liandong.replay.internal.TestLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTests {

    @TempDir
    Path folder;

    private Path log;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeLog() throws IOException {
        log = TestLogs.writeSf(folder);
    }

    @Test
    void answersBadUsageWithStatus64AndSaysWhatIsWrong() {
        assertUsage("replay: Missing required parameter: 'FILE'");
        assertUsage(
                "replay: Error: --max, --speed=N are mutually exclusive (specify only one)",
                log.toString(),
                "--max",
                "--speed",
                "2");
        assertUsage("replay: --speed must be a positive number, was 0.0", log.toString(), "--speed", "0");
        assertUsage("replay: --concurrency must be between 1 and 256, was 0", log.toString(), "-c", "0");
        assertUsage(
                "replay: --url must be an http or https address such as http://127.0.0.1:8080, was 'ftp://x'",
                log.toString(),
                "--url",
                "ftp://x",
                "--password",
                "p");
        assertUsage(
                "replay: --url needs --password (or LIANDONG_REPLAY_PASSWORD), or --token",
                log.toString(),
                "--url",
                "http://127.0.0.1:9");
        assertUsage(
                "replay: --keep-running applies only to the in-process center, not with --url",
                log.toString(),
                "--url",
                "http://127.0.0.1:9",
                "--token",
                "t",
                "--keep-running");
        assertUsage(
                "replay: --user, --password and --token apply only with --url; the in-process center logs in"
                        + " by itself",
                log.toString(),
                "--user",
                "bob");
        assertUsage(
                "replay: --shift-days must be a whole number of days or auto, was 'soon'",
                log.toString(),
                "--shift-days",
                "soon",
                "--dry-run");
        assertUsage(
                "replay: --progress must be auto, bar, lines or none, was 'fancy'",
                log.toString(),
                "--progress",
                "fancy",
                "--dry-run");
        assertUsage("replay: Unknown option: '--fast'", log.toString(), "--fast");
    }

    @Test
    void answersAMissingLogOrABadMappingWithStatus64() throws IOException {
        assertThat(run(folder.resolve("none.csv").toString(), "--dry-run")).isEqualTo(64);
        assertThat(errText()).contains("call log " + folder.resolve("none.csv") + " does not exist or is not a file");

        Files.writeString(folder.resolve("test.mapping.yaml"), TestLogs.SF_MAPPING.replace("Unit Type", "Unit Typ"));
        assertThat(run(log.toString(), "--dry-run")).isEqualTo(64);
        assertThat(errText())
                .contains("units.agency.column: column 'Unit Typ' is not in the header of calls.csv"
                        + " (did you mean 'Unit Type'?)");
    }

    @Test
    void printsTheSummaryOnStandardOutputAndEndsWithItsStatus() throws IOException {
        try (FakeCenter center = new FakeCenter()) {
            int status = run(
                    log.toString(),
                    "--url",
                    center.url().toString(),
                    "--password",
                    "secret-password",
                    "--progress",
                    "lines",
                    "--rejects",
                    folder.resolve("rejects.csv").toString(),
                    "-c",
                    "2");

            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .startsWith("Replay of SF-TEST (calls.csv) into " + center.url() + "\n")
                    .contains("  rows read                      11\n")
                    .contains("  exit status            0\n");
            assertThat(errText()).contains("replay: 100% 11/11 rows");
        }
    }

    @Test
    void endsWithStatus2WhenACallFailed() throws IOException {
        try (FakeCenter center = new FakeCenter()) {
            center.override(r -> r.line().equals("POST /api/reports") ? new FakeCenter.Reply(500, "{}") : null);

            int status = run(
                    log.toString(),
                    "--url",
                    center.url().toString(),
                    "--password",
                    "secret-password",
                    "--progress",
                    "none",
                    "--rejects",
                    folder.resolve("rejects.csv").toString());

            assertThat(status).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("  rows failed                     8");
        }
    }

    @Test // the rejects file went next to the log, which for the shipped samples is the source tree
    void writesTheRejectsFileUnderTheHomeFolderAndSaysWhere() throws IOException {
        Path home = folder.resolve("home");

        int status = run(log.toString(), "--dry-run", "--home", home.toString(), "--progress", "none");

        Path rejects = home.resolve("replay").resolve("calls.rejects.csv").toAbsolutePath();
        assertThat(status).isZero();
        assertThat(rejects).isRegularFile();
        assertThat(Files.readString(rejects)).startsWith("row,line,outcome,reason,Call Number,");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  rejects file           " + rejects + " (");
        assertThat(folder.resolve("calls.csv.rejects.csv")).doesNotExist();
    }

    private void assertUsage(String message, String... args) {
        err.reset();
        assertThat(run(args)).as("status of %s", String.join(" ", args)).isEqualTo(64);
        assertThat(errText()).startsWith(message + System.lineSeparator());
    }

    private int run(String... args) {
        return ReplayCommand.commandLine(
                        Object.class,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
