package org.supportflow.routing.common;

import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC conversions used by the repositories. */
public final class Sql {

    private Sql() {
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
