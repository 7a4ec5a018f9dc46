package io.liandong.bench;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, kept whole and sorted once at the end: a run of 30,000 reports is
 * 240 KB, so there is no need for a histogram's approximation. One instance per thread while
 * recording; {@link #merge} joins them afterwards.
 */
final class Latencies {

    /** What a percentile of no values is. */
    static final long NONE = Long.MIN_VALUE;

    private long[] values = new long[1024];
    private int size;
    private boolean sorted;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
        sorted = false;
    }

    int count() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        return all;
    }

    /**
     * The smallest recorded value that at least {@code fraction} of all values do not exceed
     * (the nearest-rank percentile), or {@link #NONE} when nothing was recorded.
     */
    long percentile(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("percentile must be within 0..1, was " + fraction);
        }
        if (size == 0) {
            return NONE;
        }
        sort();
        int rank = (int) Math.ceil(fraction * size);
        return values[Math.max(0, rank - 1)];
    }

    long max() {
        return percentile(1.0);
    }

    double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
