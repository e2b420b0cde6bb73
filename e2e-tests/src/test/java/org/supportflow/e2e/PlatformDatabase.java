package org.supportflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database the running platform's services use, as {@code deploy/local/up.sh} recorded it in
 * {@code state/postgres.env} (the machine's server, an embedded one, or the caller's {@code DB_URL}): for a test
 * that has to break something inside it, never to read what the public APIs show.
 */
final class PlatformDatabase {

    private PlatformDatabase() {
    }

    static Connection connect() throws SQLException {
        Map<String, String> recorded = recorded();
        // up.sh does not write a password down: a caller's DB_PASSWORD reaches this JVM as it reached up.sh
        String password = System.getenv().getOrDefault("DB_PASSWORD", "");
        return DriverManager.getConnection(recorded.get("url"), recorded.get("user"), password);
    }

    /** What up.sh recorded: {@code source} (machine, embedded or caller), {@code url} (JDBC) and {@code user}. */
    static Map<String, String> recorded() {
        Path env = LocalPlatform.localDir().resolve("state/postgres.env");
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(env)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("up.sh has not recorded the platform's database in " + env, e);
        }
        for (String key : List.of("source", "url", "user")) {
            if (!values.containsKey(key)) {
                throw new IllegalStateException("no " + key + "= in " + env);
            }
        }
        return values;
    }
}
