package org.supportflow.gateway.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the JSON error body of the contract: {@link ApiException}s into their status,
 * framework errors (unknown path, wrong method, unsupported media type) into theirs, and anything else
 * into a 500 without details (the cause is logged, never echoed), or a 503 with {@code Retry-After} when the
 * database is unavailable.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.code(), e.getMessage());
        if (e.retryAfter() != null) {
            response.header("Retry-After", retryAfterSeconds(e.retryAfter().toMillis()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
            return json(status, "internal_error", "the gateway could not process the request").build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "http_" + status : known.name().toLowerCase(java.util.Locale.ROOT);
        String message = known == null ? "request refused" : known.getReasonPhrase();
        return json(status, code, message).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (causedByDatabase(e)) {
            // the database is down or saturated: a retry is safe (de-duplication), so tell the channel to retry
            LOG.warnf("database unavailable while handling a request: %s", e.getMessage());
            return json(503, "service_unavailable", "temporarily unable to accept messages, retry shortly")
                    .header("Retry-After", 1).build();
        }
        LOG.error("unexpected failure while handling a request", e);
        return json(500, "internal_error", "the gateway could not process the request").build();
    }

    private static boolean causedByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    static long retryAfterSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    public static Response.ResponseBuilder json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message));
    }
}
