package org.supportflow.web.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatesTest {

    @Test
    void deadlocksAndSerializationFailuresAreConflicts() {
        assertThat(SqlStates.isConflict("40P01")).isTrue();
        assertThat(SqlStates.isConflict("40001")).isTrue();
        assertThat(SqlStates.isConflict("08006")).isFalse();
        assertThat(SqlStates.isConflict("23505")).isFalse();
        assertThat(SqlStates.isConflict(null)).isFalse();
    }

    @Test
    void conflictsLostConnectionsAndRestartsAreTransientDataErrorsAreNot() {
        assertThat(SqlStates.isTransient("40P01")).isTrue();
        assertThat(SqlStates.isTransient("08006")).isTrue();
        assertThat(SqlStates.isTransient("55P03")).isTrue();
        assertThat(SqlStates.isTransient("57P01")).isTrue();
        assertThat(SqlStates.isTransient("23505")).isFalse();
        assertThat(SqlStates.isTransient(null)).isFalse();
    }

    @Test
    void theCauseChainIsSearched() {
        SQLException deadlock = new SQLException("deadlock", "40P01");
        RuntimeException wrapped = new IllegalStateException("store failed",
                new SQLException("batch failed", "XX000", deadlock));

        assertThat(SqlStates.firstCause(wrapped, sql -> SqlStates.isConflict(sql.getSQLState()))).containsSame(deadlock);
        assertThat(SqlStates.anyCause(new IllegalStateException("no database"), sql -> true)).isFalse();
    }
}
