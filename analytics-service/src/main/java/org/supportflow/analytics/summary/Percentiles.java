package org.supportflow.analytics.summary;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a sample by linear interpolation between closest ranks (the definition of
 * PostgreSQL's {@code percentile_cont} and of spreadsheet {@code PERCENTILE.INC}): for {@code n} sorted
 * values and percentile {@code p}, the rank is {@code h = (n - 1) * p} and the result lies between the
 * values at {@code floor(h)} and {@code ceil(h)}.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile ({@code 0 <= p <= 1}) of the values, or {@code null} when there are none. */
    public static Double of(Collection<Double> values, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("percentile must be within [0, 1]: " + p);
        }
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double rank = (sorted.length - 1) * p;
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
