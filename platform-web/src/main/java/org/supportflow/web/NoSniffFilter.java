package org.supportflow.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Adds {@code X-Content-Type-Options: nosniff} to every HTTP answer of the service, so that a browser never
 * reads a JSON answer (which may echo caller text) as HTML or script. A Vert.x route filter rather than a REST
 * one: answers made before the REST layer (401 of the authentication layer, 413 of the body limit) get it too.
 */
@ApplicationScoped
public class NoSniffFilter {

    public static final String HEADER = "X-Content-Type-Options";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.response().headers().set(HEADER, "nosniff");
            context.next();
        }, 100);
    }
}
