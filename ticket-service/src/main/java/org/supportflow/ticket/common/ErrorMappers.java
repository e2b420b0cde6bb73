package org.supportflow.ticket.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/**
 * Turns every failure of the REST layer into the JSON error body {@code {"error", "message"}}: refused
 * requests with their own status, security failures as 401/403, malformed JSON as 400, and anything
 * unexpected as a 500 whose details stay in the log.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("a valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized("the bearer token is missing, invalid or expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "forbidden", "your roles do not allow this request");
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, JsonParseException.class})
    public Response malformedJson(JsonProcessingException e) {
        return error(400, "invalid_json", "the request body is not valid JSON for this endpoint: "
                + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return error(400, "invalid_request", message);
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentUpdate(RuntimeException e) {
        return error(409, "version_conflict", "the ticket was changed by someone else; reload it and retry");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && causedByJson(e)) {
            return error(400, "invalid_json", "the request body is not valid JSON for this endpoint");
        }
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String code = reason == null ? "http_" + status
                : reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String message = family == Response.Status.Family.SERVER_ERROR ? "the request could not be processed"
                : (e.getMessage() == null ? reason : e.getMessage());
        return error(status, code, message);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure of a request", e);
        return error(500, "internal_error", "the request could not be processed");
    }

    private static boolean causedByJson(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized(String message) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("unauthorized", message))
                .build();
    }

    public static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
