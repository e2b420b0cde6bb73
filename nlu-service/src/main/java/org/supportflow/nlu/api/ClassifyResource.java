package org.supportflow.nlu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.nlu.config.NluConfig;
import org.supportflow.web.ApiException;
import org.supportflow.nlu.kb.KnowledgeBaseService;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.nlu.pipeline.NluPipeline;

import java.util.List;

/**
 * {@code POST /api/v1/nlu/classify} (CONTRACT.md §4): an internal API without a token, like the Kafka topics it
 * mirrors; reachable from the cluster network only (k8s/network-policies.yaml).
 */
@PermitAll
@Path("/api/v1/nlu")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

    /** The request: the message and, optionally, its language ("ko" or "en") to skip detection. */
    public record ClassifyRequest(String text, String language) {
    }

    /** CONTRACT.md §4 plus {@code margin}, {@code sentimentScore}, {@code answerId}, {@code quickReplies} and versions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClassifyResponse(String language, String intent, double confidence, double margin,
                                   List<NluResult.IntentScore> ranking, String sentiment, double sentimentScore,
                                   String urgency, List<NluResult.Entity> entities, String maskedText, String answer,
                                   String answerId, List<String> quickReplies, String modelVersion, String kbVersion) {
    }

    private final NluPipeline pipeline;
    private final KnowledgeBaseService knowledgeBase;
    private final NluConfig config;
    private final ObjectMapper mapper;

    public ClassifyResource(NluPipeline pipeline, KnowledgeBaseService knowledgeBase, NluConfig config,
                            ObjectMapper mapper) {
        this.pipeline = pipeline;
        this.knowledgeBase = knowledgeBase;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * The body is read here rather than by the framework so that every malformed body, whatever the
     * parser's complaint, gets the same {@code invalid_json} error.
     */
    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = ClassifyRequest.class)))
    public ClassifyResponse classify(String body) {
        ClassifyRequest request = parse(body);
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw ApiException.badRequest("empty_text", "\"text\" is required and must not be blank");
        }
        if (request.text().length() > config.maxTextLength()) {
            throw ApiException.badRequest("text_too_long", "\"text\" is longer than " + config.maxTextLength()
                    + " characters");
        }
        if (request.language() != null && !LanguageDetector.SUPPORTED.contains(request.language())) {
            throw ApiException.badRequest("unsupported_language", "\"language\" must be \"ko\" or \"en\" when given");
        }
        NluResult r = pipeline.analyze(request.text(), request.language());
        NluResult.BotAnswer answer = r.answer();
        return new ClassifyResponse(r.language(), r.intent(), r.confidence(), Math.round(r.margin() * 10000) / 10000.0,
                r.ranking(), r.sentiment().wireName(), r.sentimentScore(), r.urgency().wireName(), r.entities(),
                r.maskedText(), answer == null ? null : answer.text(), answer == null ? null : answer.answerId(),
                answer == null ? null : answer.quickReplies(), r.modelVersion(), knowledgeBase.current().version());
    }

    private ClassifyRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("invalid_json", "the request body must be a JSON object with \"text\"");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("invalid_json", "the request body must be a JSON object with \"text\"");
            }
            return mapper.treeToValue(node, ClassifyRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "the request body is not valid JSON for this endpoint");
        }
    }
}
