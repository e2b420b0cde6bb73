package org.supportflow.web.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SqlArrays} against a real PostgreSQL: the rows come back out of {@code unnest} as they went in. */
class SqlArraysTest {

    private record Row(String name, Instant at) {
    }

    private record Flagged(Integer count, Boolean flag) {
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

    @Test
    void intsAndBooleansComeBackOutOfUnnestInOrderWithTheirNulls() throws SQLException {
        List<Flagged> rows = Arrays.asList(
                new Flagged(0, false),
                new Flagged(null, true),
                new Flagged(Integer.MIN_VALUE, null),
                new Flagged(Integer.MAX_VALUE, false));

        List<Flagged> back = new ArrayList<>();
        try (RecordingDataSource db = new RecordingDataSource(); Connection c = db.direct();
             PreparedStatement statement = c.prepareStatement("""
                     SELECT t.count, t.flag FROM unnest(?::int4[], ?::bool[]) WITH ORDINALITY AS t(count, flag, n)
                      ORDER BY t.n""")) {
            statement.setArray(1, SqlArrays.ints(c, rows, Flagged::count));
            statement.setArray(2, SqlArrays.booleans(c, rows, Flagged::flag));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    back.add(new Flagged(rs.getObject(1, Integer.class), rs.getObject(2, Boolean.class)));
                }
            }
        }

        assertThat(back).containsExactlyElementsOf(rows);
    }

    @Test
    void aCollectionOfStringsIsOneTextArrayThatMatchesAVarcharColumn() throws SQLException {
        LinkedHashSet<String> ids = new LinkedHashSet<>(Arrays.asList("c-2", "대화-1", null, "a,\"b\"{c}"));

        List<String> back = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        try (RecordingDataSource db = new RecordingDataSource(); Connection c = db.direct()) {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT t.id FROM unnest(?::text[]) WITH ORDINALITY AS t(id, n) ORDER BY t.n")) {
                statement.setArray(1, SqlArrays.texts(c, ids));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        back.add(rs.getString(1));
                    }
                }
            }
            // the stores compare varchar columns with = ANY (?): the text[] must type-check and match there
            try (PreparedStatement statement = c.prepareStatement("""
                    SELECT v.id FROM (VALUES ('c-1'::varchar), ('c-2'::varchar), ('대화-1'::varchar)) AS v(id)
                     WHERE v.id = ANY (?) ORDER BY v.id""")) {
                statement.setArray(1, SqlArrays.texts(c, ids));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        matched.add(rs.getString(1));
                    }
                }
            }
        }

        assertThat(back).containsExactlyElementsOf(ids);
        assertThat(matched).containsExactlyInAnyOrder("c-2", "대화-1");
    }
}
