package org.supportflow.web.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SqlArrays} against a real PostgreSQL: the rows come back out of {@code unnest} as they went in. */
class SqlArraysTest {

    private record Row(String name, Instant at) {
    }

    @Test
    void columnsOfRowsComeBackOutOfUnnestInOrderWithTheirNullsAndMicroseconds() throws SQLException {
        List<Row> rows = Arrays.asList(
                new Row("주문", Instant.parse("2026-12-07T09:30:00.123456Z")),
                new Row(null, Instant.parse("1999-12-31T23:59:59Z")),
                new Row("a,\"b\"{c}", null));

        List<Row> back = new ArrayList<>();
        try (RecordingDataSource db = new RecordingDataSource(); Connection c = db.direct();
             PreparedStatement statement = c.prepareStatement("""
                     SELECT t.name, t.at FROM unnest(?::text[], ?::timestamptz[]) WITH ORDINALITY AS t(name, at, n)
                      ORDER BY t.n""")) {
            statement.setArray(1, SqlArrays.texts(c, rows, Row::name));
            statement.setArray(2, SqlArrays.instants(c, rows, Row::at));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    back.add(new Row(rs.getString(1), Timestamptz.instant(rs, 2)));
                }
            }
        }

        assertThat(back).containsExactlyElementsOf(rows);
    }
}
