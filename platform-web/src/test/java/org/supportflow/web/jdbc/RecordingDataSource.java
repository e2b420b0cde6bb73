package org.supportflow.web.jdbc;

import org.postgresql.ds.PGSimpleDataSource;
import org.supportflow.devinfra.postgres.PostgresConnection;
import org.supportflow.devinfra.testing.PostgresTestResource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The test database, handing out a new physical connection per {@link #getConnection()} and keeping each one
 * open after the code under test closed it, so that a test can look at what that code left behind (its
 * auto-commit, whether it closed it).
 */
final class RecordingDataSource implements DataSource, AutoCloseable {

    private final PGSimpleDataSource target = new PGSimpleDataSource();
    private final List<Connection> handedOut = new ArrayList<>();
    private final Set<Connection> closedByCaller = new HashSet<>();

    RecordingDataSource() {
        PostgresConnection db = PostgresTestResource.connection();
        target.setURL(db.jdbcUrl());
        target.setUser(db.user());
        target.setPassword(db.password());
    }

    /** A connection of the test's own, not recorded. */
    Connection direct() throws SQLException {
        return target.getConnection();
    }

    /** The physical connections handed out, in order. */
    synchronized List<Connection> handedOut() {
        return List.copyOf(handedOut);
    }

    synchronized boolean closedByCaller(Connection physical) {
        return closedByCaller.contains(physical);
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = target.getConnection();
        handedOut.add(physical);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            synchronized (this) {
                                closedByCaller.add(physical);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            synchronized (this) {
                                return closedByCaller.contains(physical) || physical.isClosed();
                            }
                        }
                        default -> {
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection connection : handedOut) {
            connection.close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
