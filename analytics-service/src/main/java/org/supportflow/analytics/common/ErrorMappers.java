package org.supportflow.analytics.common;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/** Maps exceptions of the REST layer to the platform's JSON error body. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, "not_found", "no such resource");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return json(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "the request could not be served");
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String code = type == null ? "client_error" : type.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, type == null ? "request refused" : type.getReasonPhrase())).build();
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure while serving a request", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "the request could not be served");
    }

    private static Response json(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
