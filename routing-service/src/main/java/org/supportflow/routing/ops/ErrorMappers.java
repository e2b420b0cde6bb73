package org.supportflow.routing.ops;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.supportflow.routing.common.DataAccessException;

import java.util.stream.Collectors;

/** Errors as {@code {"error": "<code>", "message": "..."}}, never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    public record ErrorBody(String error, String message) {
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return json(Response.Status.BAD_REQUEST, "invalid_request", message);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, "not_found", "no such resource");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = status == 405 ? "method_not_allowed" : status < 500 ? "bad_request" : "server_error";
        return json(Response.Status.fromStatusCode(status), code, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(DataAccessException e) {
        LOG.warn("database unavailable for a routing ops request", e);
        return json(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "routing state is unavailable, retry later");
    }

    private static Response json(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(code, message)).build();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
