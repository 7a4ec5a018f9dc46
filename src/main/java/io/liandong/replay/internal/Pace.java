package io.liandong.replay.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When to send each move: as soon as possible ({@code --max}), or at N times the log's own pace
 * counted from its earliest received time ({@code --speed N}).
 */
public final class Pace {

    private final double speed;
    private final @Nullable Instant logStart;
    private volatile long startNanos;

    private Pace(double speed, @Nullable Instant logStart) {
        this.speed = speed;
        this.logStart = logStart;
    }

    /** No waiting at all. */
    public static Pace max() {
        return new Pace(0, null);
    }

    /** {@code speed} times real time, {@code logStart} being sent at the start. */
    public static Pace speed(double speed, Instant logStart) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        return new Pace(speed, logStart);
    }

    public boolean isMax() {
        return logStart == null;
    }

    public double speed() {
        return speed;
    }

    /** Marks now as the moment the log's start is played. */
    public void start() {
        startNanos = System.nanoTime();
    }

    /** Nanoseconds to wait before playing a move the log dates {@code at}; zero or less means now. */
    public long delayNanos(Instant at) {
        if (logStart == null) {
            return 0;
        }
        return startNanos + wallNanos(at) - System.nanoTime();
    }

    /** Wall-clock nanoseconds from the start until a move dated {@code at}. */
    long wallNanos(Instant at) {
        if (logStart == null) {
            return 0;
        }
        double logNanos = Duration.between(logStart, at).toNanos();
        return (long) (logNanos / speed);
    }

    /** How much of the log has been played, as a log instant, for progress estimates. */
    public @Nullable Instant logNow() {
        if (logStart == null) {
            return null;
        }
        long elapsed = System.nanoTime() - startNanos;
        return logStart.plusNanos((long) (elapsed * speed));
    }
}
