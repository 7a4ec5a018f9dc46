package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTests {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong done = new AtomicLong();

    @Test
    void drawsABarWithRowsRateAndEstimate() {
        Progress bar = progress(Progress.Mode.BAR, 2000);

        assertThat(bar.line(500, 10_000_000_000L))
                .isEqualTo("[######..................]  25% 500/2,000 rows  50.0 rows/s  ETA 0:30  elapsed 0:10");
    }

    @Test
    void writesPlainLinesWithoutABar() {
        Progress lines = progress(Progress.Mode.LINES, 7704);

        assertThat(lines.line(7704, 3_600_000_000_000L))
                .isEqualTo("100% 7,704/7,704 rows  2.1 rows/s  ETA 0:00  elapsed 1:00:00");
    }

    @Test
    void estimatesFromTheLogsClockUnderSpeed() {
        Instant end = Instant.parse("2017-01-01T12:00:00Z");
        Progress paced = new Progress(
                new PrintStream(err),
                Progress.Mode.LINES,
                100,
                done::get,
                () -> end.minusSeconds(600),
                end,
                60,
                Duration.ofSeconds(5));

        assertThat(paced.line(10, 1_000_000_000L)).contains("ETA 0:10");
    }

    @Test
    void printsPeriodicLinesAndAFinalOneWhenNotOnATerminal() throws InterruptedException {
        Progress lines = new Progress(
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Progress.Mode.LINES,
                4,
                done::get,
                () -> null,
                null,
                0,
                Duration.ofMillis(50));

        lines.start();
        done.set(2);
        Thread.sleep(200);
        done.set(4);
        lines.close();

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("replay: ").contains(" 50% 2/4 rows");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("replay: 100% 4/4 rows");
        assertThat(text).doesNotContain("\r");
    }

    @Test
    void redrawsTheBarInPlace() {
        Progress bar = new Progress(
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Progress.Mode.BAR,
                4,
                done::get,
                () -> null,
                null,
                0,
                Duration.ofSeconds(5));
        bar.start();
        done.set(4);

        bar.close();

        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("\r[########################] 100% 4/4 rows")
                .endsWith(System.lineSeparator());
    }

    @Test
    void showsNothingWhenToldTo() {
        Progress none = progress(Progress.Mode.NONE, 10);
        none.start();

        none.close();

        assertThat(err.size()).isZero();
    }

    @Test
    void formatsDurationsAsAClock() {
        assertThat(Progress.clock(0)).isEqualTo("0:00");
        assertThat(Progress.clock(75)).isEqualTo("1:15");
        assertThat(Progress.clock(7275)).isEqualTo("2:01:15");
    }

    private Progress progress(Progress.Mode mode, long total) {
        return new Progress(new PrintStream(err), mode, total, done::get, () -> null, null, 0, Duration.ofSeconds(5));
    }
}
