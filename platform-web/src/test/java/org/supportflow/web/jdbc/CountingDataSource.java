package org.supportflow.web.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A data source that counts what a piece of work costs the database: the commits made through it (its
 * transactions) and the statements created or prepared (its round trips), with their texts, so that a test can
 * pin down that, say, a poll costs one transaction of a few statements however many events it holds. Typed by
 * the data source's interface, so that the stores under test get the type they take (a service's Agroal one).
 * Safe to share between threads.
 */
public final class CountingDataSource<T extends DataSource> {

    private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "prepareCall", "createStatement");

    private final T dataSource;
    private final List<String> statements = new ArrayList<>();
    private int commits;

    private CountingDataSource(Class<T> type, T target) {
        this.dataSource = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                forward(target, (method, args, result) ->
                        method.getName().equals("getConnection") ? counting((Connection) result) : result)));
    }

    /** Wraps {@code target}, seen through {@code type}, which must be an interface: a proxy implements no class. */
    public static <T extends DataSource> CountingDataSource<T> wrap(Class<T> type, T target) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        return new CountingDataSource<>(type, target);
    }

    /** The data source to hand to the code under test; what is done through it is counted. */
    public T dataSource() {
        return dataSource;
    }

    public synchronized int commits() {
        return commits;
    }

    /**
     * The texts of the statements created or prepared so far, in order; a {@code createStatement()} has no text
     * yet and is recorded as an empty one.
     */
    public synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    public synchronized int statementCount() {
        return statements.size();
    }

    /** Forgets the commits and statements so far, for a test that counts one step of several. */
    public synchronized void reset() {
        commits = 0;
        statements.clear();
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                forward(target, (method, args, result) -> {
                    // counted once the call succeeded: a refused commit is not a transaction the work cost
                    if (method.getName().equals("commit")) {
                        synchronized (this) {
                            commits++;
                        }
                    } else if (STATEMENT_FACTORIES.contains(method.getName())) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : "";
                        synchronized (this) {
                            statements.add(sql);
                        }
                    }
                    return result;
                }));
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    private static InvocationHandler forward(Object target, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
