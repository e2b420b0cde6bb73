package org.supportflow.devinfra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServersTests {

    @Test
    void embeddedPostgresRunsRealQueriesAndCreatesDatabasesOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres embedded = PostgresServers.startEmbedded(0, dir.resolve("pg"))) {
            PostgresConnection server = PostgresServers.connectionOf(embedded);
            assertThat(PostgresServers.probe(server.host(), server.port(), server.user())).contains(server);

            PostgresConnection db = PostgresServers.ensureDatabase(server, "supportflow_probe");
            assertThat(PostgresServers.ensureDatabase(server, "supportflow_probe")).isEqualTo(db);

            try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 ResultSet rows = connection.createStatement().executeQuery("SELECT current_database(), version()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("supportflow_probe");
                assertThat(rows.getString(2)).startsWith("PostgreSQL");
            }
        }
    }

    @Test
    void warnsWhenAutovacuumIsOff(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres embedded = PostgresServers.startEmbedded(0, dir.resolve("pg"))) {
            PostgresConnection server = PostgresServers.connectionOf(embedded);
            assertThat(PostgresServers.settingsWarning(server)).isEmpty();

            try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 var statement = connection.createStatement()) {
                statement.execute("ALTER SYSTEM SET autovacuum = off");
                statement.execute("SELECT pg_reload_conf()");
            }
            assertThat(PostgresServers.settingsWarning(server)).hasValueSatisfying(warning ->
                    assertThat(warning).contains("autovacuum is off").contains("ANALYZE"));
        }
    }

    @Test
    void probeReportsNothingWhereNoPostgresListens() {
        assertThat(PostgresServers.probe("127.0.0.1", org.supportflow.devinfra.testing.TestInfra.freePort(), "postgres"))
                .isEmpty();
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        PostgresConnection server = new PostgresConnection("127.0.0.1", 1, "postgres", "postgres", "");
        assertThatThrownBy(() -> PostgresServers.ensureDatabase(server, "x; DROP DATABASE test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
