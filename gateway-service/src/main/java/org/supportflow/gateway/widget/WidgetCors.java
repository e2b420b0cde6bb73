package org.supportflow.gateway.widget;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for the widget: its script and modules are public code any page may load (module scripts are fetched in
 * CORS mode, hence {@code *}); the API's answers, errors included, are readable only by pages of the channel's
 * allowed origins. Nothing uses cookies, so credentials are never allowed.
 */
public class WidgetCors {

    static final String PREFIX = "/widget/v1/";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, Last-Event-ID";
    static final String PREFLIGHT_MAX_AGE = "600";

    private final WidgetService service;

    public WidgetCors(WidgetService service) {
        this.service = service;
    }

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        if (segments.length == 2 && ("assets".equals(segments[0]) || WidgetFiles.LOADER.equals(segments[1]))) {
            headers.putSingle("Access-Control-Allow-Origin", "*");
            return;
        }
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (segments.length == 2 && service.corsAllowed(segments[0], origin)) {
            allow(headers::putSingle, origin, "OPTIONS".equals(request.getMethod()));
        }
    }

    /** Shared with {@link WidgetStreamRoute}, which answers outside JAX-RS. */
    static void allow(java.util.function.BiConsumer<String, String> header, String origin, boolean preflight) {
        header.accept("Access-Control-Allow-Origin", origin);
        if (preflight) {
            header.accept("Access-Control-Allow-Methods", "GET, POST");
            header.accept("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            header.accept("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        }
    }
}
