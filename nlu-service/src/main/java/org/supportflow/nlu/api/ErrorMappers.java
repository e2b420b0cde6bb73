package org.supportflow.nlu.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.supportflow.nlu.classify.ModelNotFoundException;
import org.supportflow.nlu.kb.KnowledgeBaseException;

import java.util.Locale;

/** Every error leaves as {@code {"error","message"}} JSON; messages never echo customer text. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badRequest(BadRequestProblem problem) {
        return json(Response.Status.BAD_REQUEST, problem.code(), problem.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, "invalid_json", "the request body is not valid JSON for this endpoint");
    }

    @ServerExceptionMapper
    public Response modelNotFound(ModelNotFoundException e) {
        return json(Response.Status.NOT_FOUND, "model_not_found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidKnowledgeBase(KnowledgeBaseException e) {
        return json(422, "invalid_knowledge_base", e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && isJsonProblem(e)) {
            return invalidJson(null);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "http_" + status : known.name().toLowerCase(Locale.ROOT);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, known == null ? "request failed" : known.getReasonPhrase())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf("unexpected failure: %s", e.getClass().getName());
        return json(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "the request could not be processed");
    }

    private static boolean isJsonProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Response json(Response.Status status, String code, String message) {
        return json(status.getStatusCode(), code, message);
    }

    private static Response json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
