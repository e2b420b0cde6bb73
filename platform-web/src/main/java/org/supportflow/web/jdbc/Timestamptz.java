package org.supportflow.web.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from {@code timestamptz} columns through {@link OffsetDateTime} (JDBC 4.2's type for them),
 * in UTC, so that neither direction depends on the JVM's time zone.
 */
public final class Timestamptz {

    private Timestamptz() {
    }

    /** The parameter value for {@link java.sql.PreparedStatement#setObject}; null stays null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
