package org.supportflow.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The one mapping of failures to HTTP answers for every service: each leaves as {@link ErrorBody} JSON with a
 * code of {@link ErrorCodes} (or the {@link ApiException}'s own). What the caller did wrong is named (a field,
 * a status); what went wrong inside never is: the cause goes to the log with its stack trace, and the caller
 * gets {@code internal_error} (or {@code unavailable} with {@code Retry-After} when the database is out of reach).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int MAX_FIELD_NAME = 64;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.code(), e.getMessage());
        if (e.retryAfter() != null) {
            response.header("Retry-After", retryAfterSeconds(e.retryAfter()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ErrorMappers::isReturnValue)) {
            LOG.error("a response violated its own constraints", e);
            return internalError();
        }
        String message = e.getConstraintViolations().stream()
                .map(violation -> fieldOf(violation) + " " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return json(400, ErrorCodes.INVALID_REQUEST, message.isEmpty() ? "the request is not valid" : message).build();
    }

    /** The subtypes are listed so that this mapper, not Quarkus' built-in one (another body), is the closest. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response invalidJson(JsonProcessingException e) {
        return json(400, ErrorCodes.INVALID_JSON, jsonMessage(e)).build();
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
        return json(403, ErrorCodes.FORBIDDEN, "your roles do not allow this request").build();
    }

    /** Framework refusals (unknown path, wrong method or media type, unparsable parameter) keep their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
        if (status == 400 && json != null) {
            return invalidJson(json);
        }
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
            return status == 503 ? json(503, ErrorCodes.UNAVAILABLE, ErrorCodes.messageForStatus(503)).build()
                    : internalError();
        }
        Response.ResponseBuilder response = json(status, ErrorCodes.forStatus(status),
                ErrorCodes.messageForStatus(status));
        if (status == 405) {
            Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
        }
        return response.build();
    }

    /** Anything else: a fault of ours, logged with its stack trace and never described to the caller. */
    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (databaseUnreachable(e)) {
            // a retry is safe (every write is idempotent or transactional): tell the caller to come back
            LOG.warnf("database unavailable while serving a request: %s", e.toString());
            return json(503, ErrorCodes.UNAVAILABLE, "temporarily unavailable, retry shortly")
                    .header("Retry-After", 1).build();
        }
        LOG.error("unexpected failure while serving a request", e);
        return internalError();
    }

    public static Response.ResponseBuilder json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message));
    }

    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /**
     * The database is down, restarting or saturated: a connection failure or a transient error, not an error in
     * the data of this request (a data error would fail again on every retry, so it is a 500, never a 503).
     */
    static boolean databaseUnreachable(Throwable e) {
        SQLException sql = causeOfType(e, SQLException.class);
        if (sql == null) {
            return false;
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        // no state: the pool's own refusal (acquisition timeout); 08: connection; 53: insufficient resources;
        // 57P: the server is shutting down or restarting
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
    }

    private static Response internalError() {
        return json(500, ErrorCodes.INTERNAL_ERROR, ErrorCodes.messageForStatus(500)).build();
    }

    private static Response unauthorized(String message) {
        return json(401, ErrorCodes.UNAUTHORIZED, message).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The request field a violation is about: the last node of its path (not the method or parameter index). */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                field = node.getName() == null ? field : node.getName();
            }
        }
        return field == null ? "request" : field;
    }

    /** Names the JSON field at fault when it is one of the endpoint's own; never echoes the parser's message. */
    private static String jsonMessage(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown && unknown.getKnownPropertyIds() != null) {
            // the unknown name is the caller's; the allowed ones are ours
            return "the request body has an unknown field; allowed: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof UnrecognizedPropertyException)) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (!field.isEmpty() && field.length() <= MAX_FIELD_NAME && field.matches("[A-Za-z0-9_.\\[\\]]+")) {
                return "the request body is not valid JSON for this endpoint: " + field + " has the wrong type or form";
            }
        }
        return "the request body is not valid JSON for this endpoint";
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable cause = e; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
