package org.supportflow.routing.common;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTest {

    @Test
    void deadlocksAndSerializationFailuresAreRetried() {
        assertThat(Jdbc.isRetryable(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(Jdbc.isRetryable(new SQLException("serialization", "40001"))).isTrue();
        SQLException wrapped = new SQLException("batch failed", "XX000", new SQLException("deadlock", "40P01"));
        assertThat(Jdbc.isRetryable(wrapped)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Jdbc.isRetryable(new SQLException("unique violation", "23505"))).isFalse();
        assertThat(Jdbc.isRetryable(new SQLException("no state"))).isFalse();
    }

    @Test
    void needsAtLeastOneAttempt() {
        assertThatThrownBy(() -> new Jdbc(new org.postgresql.ds.PGSimpleDataSource(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
