package org.supportflow.routing.testing;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data source that counts the commits made through it (the transactions a piece of work costs) and the
 * statements prepared (the round trips it costs the database).
 */
public final class CommitCounter {

    private final DataSource dataSource;
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();

    public CommitCounter(DataSource target) {
        this.dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, forward(target, (method, result) -> {
                    if (method.equals("getConnection")) {
                        return counting((Connection) result);
                    }
                    return result;
                }));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public int commits() {
        return commits.get();
    }

    public int statements() {
        return statements.get();
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                forward(target, (method, result) -> {
                    if (method.equals("commit")) {
                        commits.incrementAndGet();
                    } else if (method.equals("prepareStatement")) {
                        statements.incrementAndGet();
                    }
                    return result;
                }));
    }

    private interface After {
        Object apply(String method, Object result);
    }

    private static InvocationHandler forward(Object target, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method.getName(), method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
