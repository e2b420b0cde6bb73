package org.supportflow.devinfra.postgres;

/** Where a PostgreSQL database answers, and as whom to connect. */
public record PostgresConnection(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PostgresConnection withDatabase(String otherDatabase) {
        return new PostgresConnection(host, port, otherDatabase, user, password);
    }
}
