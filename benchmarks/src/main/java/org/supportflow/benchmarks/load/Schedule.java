package org.supportflow.benchmarks.load;

/**
 * The fixed send schedule of an open-loop run: message {@code i} is due {@code i / rate} seconds after the start,
 * whatever happened to the messages before it.
 */
record Schedule(int rate, long messages) {

    Schedule {
        if (rate <= 0 || messages < 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
    }

    /** When message {@code sequence} is due, in nanoseconds after the start. */
    long dueNanos(long sequence) {
        return Math.round(sequence * 1e9 / rate);
    }

    /** How many messages are due {@code elapsedNanos} after the start (never more than the run has). */
    long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        // Inverse of dueNanos: the largest i with round(i * 1e9 / rate) <= elapsed, plus one.
        long count = (long) Math.floor(elapsedNanos * (double) rate / 1e9) + 1;
        while (count > 0 && dueNanos(count - 1) > elapsedNanos) {
            count--;
        }
        while (count < messages && dueNanos(count) <= elapsedNanos) {
            count++;
        }
        return Math.min(count, messages);
    }
}
