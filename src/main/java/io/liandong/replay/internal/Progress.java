package io.liandong.replay.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows how far a replay has got on standard error: a bar redrawn in place on a terminal, plain
 * periodic lines otherwise (rows done of total, rate, estimated time left).
 */
public final class Progress implements AutoCloseable {

    /** How to show progress. */
    public enum Mode {
        /** A bar on a terminal, lines otherwise. */
        AUTO,
        BAR,
        LINES,
        NONE
    }

    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final Mode mode;
    private final long total;
    private final LongSupplier done;
    private final Supplier<@Nullable Instant> logNow;
    private final @Nullable Instant logEnd;
    private final double speed;
    private final Duration every;
    private final long startNanos = System.nanoTime();
    private @Nullable Thread ticker;
    private int lastWidth;

    /**
     * {@code logNow}, {@code logEnd} and {@code speed} give the estimate under {@code --speed}
     * (remaining log time over speed); without them it is remaining rows over the rate so far.
     */
    public Progress(
            PrintStream err,
            Mode mode,
            long total,
            LongSupplier done,
            Supplier<@Nullable Instant> logNow,
            @Nullable Instant logEnd,
            double speed,
            Duration linesEvery) {
        this.err = err;
        this.mode = mode == Mode.AUTO ? (stderrIsTerminal() ? Mode.BAR : Mode.LINES) : mode;
        this.total = total;
        this.done = done;
        this.logNow = logNow;
        this.logEnd = logEnd;
        this.speed = speed;
        this.every = this.mode == Mode.BAR ? Duration.ofMillis(250) : linesEvery;
    }

    /** Starts redrawing in the background. */
    public void start() {
        if (mode == Mode.NONE) {
            return;
        }
        Thread thread = new Thread(this::tick, "replay-progress");
        thread.setDaemon(true);
        ticker = thread;
        thread.start();
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(every.toMillis());
                show();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops redrawing and shows the final state. */
    @Override
    public void close() {
        Thread thread = ticker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            show();
            if (mode == Mode.BAR) {
                err.println();
            }
            err.flush();
        }
    }

    private synchronized void show() {
        String line = line(done.getAsLong(), System.nanoTime() - startNanos);
        if (mode == Mode.BAR) {
            String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
            lastWidth = line.length();
            err.print("\r" + padded);
        } else {
            err.println("replay: " + line);
        }
        err.flush();
    }

    /** The progress text for {@code rows} done after {@code nanos}. */
    String line(long rows, long nanos) {
        double seconds = nanos / 1e9;
        double rate = seconds > 0 ? rows / seconds : 0;
        int percent = total == 0 ? 100 : (int) (rows * 100 / total);
        StringBuilder line = new StringBuilder();
        if (mode == Mode.BAR) {
            int filled = total == 0 ? BAR_WIDTH : (int) (rows * BAR_WIDTH / total);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(BAR_WIDTH - filled))
                    .append("] ");
        }
        line.append(String.format(
                Locale.ROOT,
                "%3d%% %,d/%,d rows  %,.1f rows/s  ETA %s  elapsed %s",
                percent,
                rows,
                total,
                rate,
                eta(rows, rate),
                clock(seconds)));
        return line.toString();
    }

    private String eta(long rows, double rate) {
        if (rows >= total) {
            return "0:00";
        }
        Instant now = logNow.get();
        if (now != null && logEnd != null && speed > 0) {
            double left = Math.max(0, Duration.between(now, logEnd).toNanos() / 1e9 / speed);
            return clock(left);
        }
        return rate > 0 ? clock((total - rows) / rate) : "?";
    }

    /** {@code 75} seconds as {@code 1:15}, hours as {@code 2:01:15}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Whether standard error is a terminal (Linux: fd 2 is a tty device; elsewhere: a console exists). */
    static boolean stderrIsTerminal() {
        if (System.getenv("TERM") != null && System.getenv("TERM").equals("dumb")) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
