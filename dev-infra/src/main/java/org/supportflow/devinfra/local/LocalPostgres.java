package org.supportflow.devinfra.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.supportflow.devinfra.postgres.PostgresConnection;
import org.supportflow.devinfra.postgres.PostgresServers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * PostgreSQL for the local platform, in three commands that {@code deploy/local/up.sh} combines:
 *
 * <pre>
 * LocalPostgres probe --host 127.0.0.1 --port 5432 --user postgres
 *     exit 0: PostgreSQL, and it lets the user in;  3: nothing listens;
 *          4: PostgreSQL, but it refuses the user (password or pg_hba.conf);  5: something else listens
 * LocalPostgres ensure-database --host 127.0.0.1 --port 5432 --user postgres --database supportflow
 *     creates the database unless it exists; prints its JDBC URL (and on stderr a warning about a setting
 *     that hurts the platform, such as autovacuum off)
 * LocalPostgres run --port 5432 --data target/local/postgres --database supportflow --ready-file F
 *     embedded PostgreSQL (zonky binaries from Maven) in the foreground until told to stop; the data
 *     directory is kept between starts; the ready file holds port, jdbcUrl, user and pid
 * </pre>
 *
 * The password for {@code probe} and {@code ensure-database} comes from the environment variable
 * {@code DB_PASSWORD} (empty when unset: trust authentication), so that it never shows in a process list.
 */
public final class LocalPostgres {

    static final int CLOSED = 3;
    static final int REFUSED = 4;
    static final int NOT_POSTGRES = 5;

    private LocalPostgres() {
    }

    public static void main(String[] args) {
        Launcher.exit("postgres", () -> {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: LocalPostgres probe|ensure-database|run --option value ...");
            }
            LaunchArgs options = LaunchArgs.parse(Arrays.asList(args).subList(1, args.length));
            return switch (args[0]) {
                case "probe" -> probe(options);
                case "ensure-database" -> ensureDatabase(options);
                case "run" -> run(options);
                default -> throw new IllegalArgumentException("unknown command " + args[0]
                        + " (probe, ensure-database or run)");
            };
        });
    }

    private static int probe(LaunchArgs args) {
        PostgresConnection server = server(args);
        Probe result = probe(server);
        System.out.println(result.describe(server));
        return result.exitCode;
    }

    private static int ensureDatabase(LaunchArgs args) {
        PostgresConnection database = PostgresServers.ensureDatabase(server(args), args.string("database"));
        PostgresServers.settingsWarning(database).ifPresent(warning -> System.err.println("warning: " + warning));
        System.out.println(database.jdbcUrl());
        return Launcher.OK;
    }

    private static int run(LaunchArgs args) throws InterruptedException {
        int port = args.port("port");
        Path data = args.path("data").toAbsolutePath();
        String databaseName = args.string("database", "supportflow");
        Path readyFile = args.path("ready-file");
        Launcher.deleteQuietly(readyFile);
        if (portAnswers(PostgresServers.DEFAULT_HOST, port)) {
            throw new IllegalStateException("port " + port + " is already taken");
        }

        EmbeddedPostgres embedded = PostgresServers.startEmbedded(port, data);
        try {
            PostgresConnection database = PostgresServers.ensureDatabase(
                    PostgresServers.connectionOf(embedded), databaseName);
            Map<String, String> ready = new LinkedHashMap<>();
            ready.put("port", String.valueOf(embedded.getPort()));
            ready.put("jdbcUrl", database.jdbcUrl());
            ready.put("user", database.user());
            ready.put("pid", String.valueOf(ProcessHandle.current().pid()));
            Launcher.writeReadyFile(readyFile, ready);
            System.out.println("postgres: embedded PostgreSQL ready at " + database.jdbcUrl() + " (data in " + data + ")");
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
        return Launcher.runUntilStopped("postgres", embedded, () -> portAnswers(PostgresServers.DEFAULT_HOST, port));
    }

    /** What answers on a host and port. */
    enum Probe {
        POSTGRES(Launcher.OK), CLOSED(LocalPostgres.CLOSED), REFUSED(LocalPostgres.REFUSED),
        NOT_POSTGRES(LocalPostgres.NOT_POSTGRES);

        final int exitCode;

        Probe(int exitCode) {
            this.exitCode = exitCode;
        }

        String describe(PostgresConnection server) {
            String where = server.host() + ":" + server.port();
            return switch (this) {
                case POSTGRES -> "PostgreSQL on " + where + " accepts user " + server.user();
                case CLOSED -> "nothing listens on " + where;
                case REFUSED -> "PostgreSQL on " + where + " refuses user " + server.user()
                        + " (wrong password, or pg_hba.conf does not trust local connections)";
                case NOT_POSTGRES -> "something that is not PostgreSQL listens on " + where;
            };
        }
    }

    static Probe probe(PostgresConnection server) {
        if (!portAnswers(server.host(), server.port())) {
            return Probe.CLOSED;
        }
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties)) {
            return connection.isValid(5) ? Probe.POSTGRES : Probe.NOT_POSTGRES;
        } catch (SQLException e) {
            return classify(e);
        }
    }

    /**
     * A refused login is still PostgreSQL talking (SQLSTATE class 28, invalid authorization, or 3D000 when
     * the {@code postgres} database is missing); anything else (a protocol error, a closed connection) means
     * another kind of server holds the port.
     */
    static Probe classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("28") || state.equals("3D000"))) {
            return Probe.REFUSED;
        }
        return Probe.NOT_POSTGRES;
    }

    static boolean portAnswers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static PostgresConnection server(LaunchArgs args) {
        return new PostgresConnection(args.string("host", PostgresServers.DEFAULT_HOST),
                args.port("port", PostgresServers.DEFAULT_PORT), "postgres",
                args.string("user", PostgresServers.DEFAULT_USER),
                args.optional("password").orElseGet(() -> Objects.requireNonNullElse(System.getenv("DB_PASSWORD"), "")));
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("postgres: could not stop the embedded server: " + e.getMessage());
        }
    }
}
