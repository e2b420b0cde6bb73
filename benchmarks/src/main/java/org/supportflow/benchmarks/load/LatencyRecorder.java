package org.supportflow.benchmarks.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durations of one run, in microseconds, in an array sized up front: recording is an index bump and a store,
 * no boxing and no lock, so it costs the co-located platform nothing measurable. Record from any thread;
 * read the summary once recording has stopped.
 */
final class LatencyRecorder {

    /** Percentiles in milliseconds. */
    record Summary(int count, double p50, double p90, double p99, double max) {
    }

    private final long[] micros;
    private final AtomicInteger size = new AtomicInteger();

    LatencyRecorder(long capacity) {
        this.micros = new long[Math.toIntExact(capacity)];
    }

    void record(long durationMicros) {
        int index = size.getAndIncrement();
        if (index < micros.length) {
            micros[index] = Math.max(0, durationMicros);
        }
    }

    int count() {
        return Math.min(size.get(), micros.length);
    }

    Summary summary() {
        long[] sorted = Arrays.copyOf(micros, count());
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.90),
                percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile. */
    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)] / 1000.0;
    }
}
