package org.supportflow.analytics.summary;

/** Ratios of the summary; an undefined ratio (nothing to divide by) is {@code null}, never 0 or NaN. */
public final class Rates {

    private Rates() {
    }

    /** {@code part / whole}, or {@code null} when {@code whole} is 0. */
    public static Double ratio(long part, long whole) {
        if (part < 0 || whole < 0 || part > whole) {
            throw new IllegalArgumentException("need 0 <= part <= whole, got " + part + "/" + whole);
        }
        return whole == 0 ? null : (double) part / whole;
    }
}
