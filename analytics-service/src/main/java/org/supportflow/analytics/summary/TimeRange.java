package org.supportflow.analytics.summary;

import java.time.Instant;
import java.util.Objects;

/** A half-open time range {@code [from, to)} of UTC instants. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
