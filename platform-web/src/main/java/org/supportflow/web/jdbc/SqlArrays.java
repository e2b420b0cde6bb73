package org.supportflow.web.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * Array parameters for statements that write or read a batch of rows in one go, one array per column
 * ({@code unnest(?::text[], ?::timestamptz[], ...)}): what a statement costs PostgreSQL is mostly per statement,
 * not per row. Each method takes the rows and the column to read from each, so that the arrays of one statement
 * line up by construction. Nulls stay null.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /**
     * A collection of strings as one {@code text[]} parameter, for {@code column = ANY (?)}: a set of ids in one
     * statement instead of one statement per id. A {@code varchar} column compares with it as with text.
     */
    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    /** One column of the rows as a {@code text[]} parameter. */
    public static <T> Array texts(Connection connection, Collection<T> rows, Function<? super T, String> column)
            throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    /**
     * One column of instants as ISO-8601 text, for a parameter cast to {@code timestamptz[]} in the statement
     * ({@code ?::timestamptz[]}): JDBC has no portable binding for an array of {@code timestamptz}, and the text
     * form carries the zone, so neither side's time zone matters. PostgreSQL keeps microseconds.
     */
    public static <T> Array instants(Connection connection, Collection<T> rows, Function<? super T, Instant> column)
            throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column)
                .map(instant -> instant == null ? null : instant.toString()).toArray(String[]::new));
    }

    /** One column of the rows as an {@code int4[]} parameter; a null stays null rather than becoming 0. */
    public static <T> Array ints(Connection connection, Collection<T> rows, Function<? super T, Integer> column)
            throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new));
    }

    /** One column of the rows as a {@code bool[]} parameter; a null stays null rather than becoming false. */
    public static <T> Array booleans(Connection connection, Collection<T> rows, Function<? super T, Boolean> column)
            throws SQLException {
        return connection.createArrayOf("bool", rows.stream().map(column).toArray(Boolean[]::new));
    }
}
