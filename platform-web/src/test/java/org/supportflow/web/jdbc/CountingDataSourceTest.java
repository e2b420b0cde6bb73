package org.supportflow.web.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CountingDataSource} against a real PostgreSQL, the statements run, not only prepared. */
class CountingDataSourceTest {

    private RecordingDataSource db;
    private CountingDataSource<DataSource> counting;

    @BeforeEach
    void countingDataSource() {
        db = new RecordingDataSource();
        counting = CountingDataSource.wrap(DataSource.class, db);
    }

    @AfterEach
    void closeConnections() throws SQLException {
        db.close();
    }

    @Test
    void commitsAndStatementsAreCountedExactlyAndTheTextsRecordedInTheirOrder() throws SQLException {
        try (Connection c = counting.dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThat(selectOne(c, "SELECT 1")).isEqualTo(1);
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT 2");
            }
            c.commit();
        }
        try (Connection c = counting.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (CallableStatement call = c.prepareCall("{ ? = call upper(?) }")) {
                call.registerOutParameter(1, Types.VARCHAR);
                call.setString(2, "counted");
                call.execute();
                assertThat(call.getString(1)).isEqualTo("COUNTED");
            }
            c.commit();
            c.rollback(); // not a commit
        }

        assertThat(counting.commits()).isEqualTo(2);
        assertThat(counting.statements()).containsExactly("SELECT 1", "", "{ ? = call upper(?) }");
        assertThat(counting.statementCount()).isEqualTo(3);
    }

    @Test
    void workInAutoCommitCostsStatementsButNoCommit() throws SQLException {
        try (Connection c = counting.dataSource().getConnection()) {
            assertThat(selectOne(c, "SELECT 1")).isEqualTo(1);
        }

        assertThat(counting.commits()).isZero();
        assertThat(counting.statements()).containsExactly("SELECT 1");
    }

    @Test
    void resetForgetsWhatWasCountedAndCountingGoesOn() throws SQLException {
        try (Connection c = counting.dataSource().getConnection()) {
            c.setAutoCommit(false);
            selectOne(c, "SELECT 1");
            c.commit();

            counting.reset();

            assertThat(counting.commits()).isZero();
            assertThat(counting.statements()).isEmpty();
            assertThat(counting.statementCount()).isZero();

            selectOne(c, "SELECT 2");
            c.commit();
        }

        assertThat(counting.commits()).isEqualTo(1);
        assertThat(counting.statements()).containsExactly("SELECT 2");
    }

    @Test
    void connectionsUsedFromSeveralThreadsAtOnceLoseNoCount() throws Exception {
        int threads = 4;
        int perThread = 50;
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(CompletableFuture.runAsync(() -> {
                try (Connection c = counting.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < perThread; i++) {
                        c.prepareStatement("SELECT 1").close();
                        c.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(counting.commits()).isEqualTo(threads * perThread);
        assertThat(counting.statementCount()).isEqualTo(threads * perThread);
    }

    @Test
    void theWrappedTypeIsKeptAndOnlyAnInterfaceCanBeWrapped() {
        NamedDataSource named = CountingDataSource.wrap(NamedDataSource.class, new Named("orders")).dataSource();

        assertThat(named.name()).isEqualTo("orders");
        assertThatThrownBy(() -> CountingDataSource.wrap(PGSimpleDataSource.class, new PGSimpleDataSource()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an interface");
    }

    private static int selectOne(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    /** A data source with more to it than {@link DataSource}, as a pool's is. */
    interface NamedDataSource extends DataSource {
        String name();
    }

    /** Connects nowhere: only its name is asked for. */
    private static final class Named extends PGSimpleDataSource implements NamedDataSource {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
