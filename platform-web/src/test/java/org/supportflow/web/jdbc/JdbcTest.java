package org.supportflow.web.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Jdbc} against a real PostgreSQL: real deadlocks and serialization failures, not simulated states. */
class JdbcTest {

    /** A table of this run's own, so that runs sharing the database do not meet. */
    private static final String TABLE = "jdbc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private RecordingDataSource db;
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void twoRows() throws SQLException {
        db = new RecordingDataSource();
        try (Connection c = db.direct(); Statement statement = c.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id int PRIMARY KEY, v int NOT NULL)");
            statement.execute("TRUNCATE " + TABLE);
            statement.execute("INSERT INTO " + TABLE + " VALUES (1, 0), (2, 0)");
        }
    }

    @AfterEach
    void closeConnections() throws SQLException {
        db.close();
    }

    @AfterAll
    static void dropTable() throws SQLException {
        try (RecordingDataSource cleanup = new RecordingDataSource(); Connection c = cleanup.direct();
             Statement statement = c.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    @Test
    void theWorkRunsInOneTransactionCommittedWhenItReturns() throws SQLException {
        Jdbc jdbc = new Jdbc(db, 1);

        String answer = jdbc.inTransaction(c -> {
            set(c, 1, 10);
            set(c, 2, 20);
            // not yet visible to anyone else: one transaction, not statement by statement
            assertThat(valueSeenByOthers(1)).isZero();
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(valueSeenByOthers(1)).isEqualTo(10);
        assertThat(valueSeenByOthers(2)).isEqualTo(20);
    }

    @Test
    void theWorkIsRolledBackAndItsExceptionRethrownWhenItThrows() throws SQLException {
        Jdbc jdbc = new Jdbc(db, 5);
        IllegalStateException refused = new IllegalStateException("refused");

        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            attempts.incrementAndGet();
            set(c, 1, 10);
            throw refused;
        })).isSameAs(refused);

        assertThat(attempts).hasValue(1);
        assertThat(valueSeenByOthers(1)).isZero();
    }

    @Test
    void theConnectionGoesBackClosedWithAutoCommitRestoredAfterACommitAndAfterARollback() throws SQLException {
        Jdbc jdbc = new Jdbc(db, 1);

        boolean autoCommitInside = jdbc.inTransaction(Connection::getAutoCommit);
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            set(c, 1, 10);
            throw new IllegalStateException("refused");
        })).hasMessage("refused");

        assertThat(autoCommitInside).isFalse();
        assertThat(db.handedOut()).hasSize(2).allSatisfy(physical -> {
            assertThat(physical.getAutoCommit()).isTrue();
            assertThat(db.closedByCaller(physical)).isTrue();
        });
    }

    @Test
    void aDeadlockVictimIsRunAgainFromScratchOnAFreshConnection() throws Exception {
        Jdbc jdbc = new Jdbc(db, 3);
        CompletableFuture<Integer> result;
        try (Connection other = db.direct()) {
            other.setAutoCommit(false);
            set(other, 2, 200);
            result = CompletableFuture.supplyAsync(() -> jdbc.inTransaction(c -> {
                int attempt = attempts.incrementAndGet();
                set(c, 1, attempt);
                set(c, 2, attempt); // the first attempt waits here for the other transaction's row 2
                return attempt;
            }));
            awaitALockWait();
            // the circle closes: the helper's attempt waited first, so its deadlock check runs first and PostgreSQL
            // aborts it, which releases row 1 to this transaction
            set(other, 1, 100);
            other.commit();
        }

        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(valueSeenByOthers(1)).isEqualTo(2);
        assertThat(valueSeenByOthers(2)).isEqualTo(2);
        List<Connection> connections = db.handedOut();
        assertThat(connections).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(physical -> assertThat(db.closedByCaller(physical)).isTrue());
    }

    @Test
    void serializationFailuresUpToTheLimitEndInAClearExceptionAndLeaveNothingBehind() throws SQLException {
        Jdbc jdbc = new Jdbc(db, 3);

        try (Connection other = db.direct()) {
            assertThatThrownBy(() -> jdbc.inTransaction(c -> {
                int attempt = attempts.incrementAndGet();
                try (Statement statement = c.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                }
                value(c, 2); // the snapshot is taken here
                set(other, 1, attempt * 100); // a concurrent writer commits a change to row 1
                set(c, 1, -1); // could not serialize access due to concurrent update
                return null;
            })).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("40001").hasMessageContaining("3 attempt(s)")
                    .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2))
                    .cause().isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
        }

        assertThat(attempts).hasValue(3);
        assertThat(valueSeenByOthers(1)).isEqualTo(300);
        assertThat(db.handedOut()).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void otherFailuresAreNotRetried() throws SQLException {
        Jdbc jdbc = new Jdbc(db, 5);

        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            attempts.incrementAndGet();
            set(c, 1, 10);
            try (Statement statement = c.createStatement()) {
                statement.execute("INSERT INTO " + TABLE + " VALUES (2, 0)");
            }
            return null;
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("23505")
                .cause().isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");

        assertThat(attempts).hasValue(1);
        assertThat(valueSeenByOthers(1)).isZero();
    }

    @Test
    void aConflictWrappedInARuntimeExceptionIsRetriedToo() {
        Jdbc jdbc = new Jdbc(db, 2);

        String answer = jdbc.inTransaction(c -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("store failed", new SQLException("deadlock detected", "40P01"));
            }
            return "second time";
        });

        assertThat(answer).isEqualTo("second time");
        assertThat(db.handedOut()).hasSize(2);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        Jdbc jdbc = new Jdbc(db, 1);

        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            attempts.incrementAndGet();
            throw new SQLException("deadlock detected", "40P01");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("40P01").hasMessageContaining("1 attempt(s)");

        assertThat(attempts).hasValue(1);
    }

    @Test
    void needsAtLeastOneAttempt() {
        assertThatThrownBy(() -> new Jdbc(db, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void set(Connection c, int id, int value) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("UPDATE " + TABLE + " SET v = ? WHERE id = ?")) {
            statement.setInt(1, value);
            statement.setInt(2, id);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static int value(Connection c, int id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT v FROM " + TABLE + " WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    private int valueSeenByOthers(int id) throws SQLException {
        try (Connection c = db.direct()) {
            return value(c, id);
        }
    }

    /** Until a statement on this test's table waits for a row lock. */
    private void awaitALockWait() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.direct(); PreparedStatement statement = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND query LIKE ?")) {
            statement.setString(1, "%" + TABLE + "%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the work never waited for the other transaction's lock");
    }
}
