package org.supportflow.devinfra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds a real PostgreSQL: the machine's own when one answers (CI and developer machines here run one on
 * 127.0.0.1:5432 with trust authentication), otherwise embedded PostgreSQL binaries from Maven (zonky), so
 * a fresh laptop with only a JDK works.
 */
public final class PostgresServers {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_USER = "postgres";

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresServers() {
    }

    /** The machine's PostgreSQL on {@code host:port}, if it accepts {@code user} without a password. */
    public static Optional<PostgresConnection> probe(String host, int port, String user) {
        PostgresConnection candidate = new PostgresConnection(host, port, "postgres", user, "");
        try (Connection connection = connect(candidate, 3)) {
            return connection.isValid(3) ? Optional.of(candidate) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts embedded PostgreSQL on {@code port} (0 picks a free one) with its data in {@code dataDir}
     * (kept between starts). Close the returned server to stop it.
     */
    public static EmbeddedPostgres startEmbedded(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public static PostgresConnection connectionOf(EmbeddedPostgres embedded) {
        return new PostgresConnection(DEFAULT_HOST, embedded.getPort(), "postgres", DEFAULT_USER, "");
    }

    /** Creates {@code database} on the server of {@code server} unless it exists. */
    public static PostgresConnection ensureDatabase(PostgresConnection server, String database) {
        requireSafeName(database);
        try (Connection connection = connect(server, 10);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
            return server.withDatabase(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + server.jdbcUrl(), e);
        }
    }

    /**
     * What an operator should hear about the server's settings before running the platform on it: autovacuum
     * switched off (some CI images do) means tables are never analyzed, so the query plans the services cache
     * while their tables are still empty stay in use as the tables grow, with sequential scans where an index
     * lookup was meant. Empty when nothing needs saying.
     */
    public static Optional<String> settingsWarning(PostgresConnection server) {
        try (Connection connection = connect(server, 10);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW autovacuum")) {
            if (rows.next() && "off".equals(rows.getString(1))) {
                return Optional.of("autovacuum is off on " + server.host() + ":" + server.port()
                        + ": tables are never analyzed, so cached query plans go stale as they grow"
                        + " (turn it on, or run ANALYZE on the database after loading it)");
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the settings of " + server.jdbcUrl(), e);
        }
    }

    private static Connection connect(PostgresConnection target, int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password());
        properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        return DriverManager.getConnection(target.jdbcUrl(), properties);
    }

    private static void requireSafeName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
        }
    }
}
