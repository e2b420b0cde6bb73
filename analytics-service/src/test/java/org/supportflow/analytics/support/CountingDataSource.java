package org.supportflow.analytics.support;

import io.agroal.api.AgroalDataSource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The service's data source, recording the statements prepared through it (the round trips a piece of work
 * costs the database), for a store built on it in a test.
 */
public final class CountingDataSource {

    private final AgroalDataSource dataSource;
    private final List<String> statements = new ArrayList<>();

    public CountingDataSource(AgroalDataSource target) {
        this.dataSource = (AgroalDataSource) Proxy.newProxyInstance(AgroalDataSource.class.getClassLoader(),
                new Class<?>[]{AgroalDataSource.class}, forward(target, (method, result) ->
                        method.getName().equals("getConnection") ? counting((Connection) result) : result));
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** The texts of the statements prepared so far, in order. */
    public synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    public synchronized void reset() {
        statements.clear();
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        synchronized (this) {
                            statements.add(args == null || args.length == 0 ? "" : String.valueOf(args[0]));
                        }
                    }
                    return invoke(target, method, args);
                });
    }

    private static InvocationHandler forward(Object target, BiFunction<Method, Object, Object> after) {
        return (proxy, method, args) -> after.apply(method, invoke(target, method, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
