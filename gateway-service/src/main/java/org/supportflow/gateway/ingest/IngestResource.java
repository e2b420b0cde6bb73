package org.supportflow.gateway.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.contracts.signing.ChannelSignature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/channels/{channelId}/messages} (CONTRACT.md §1). The body is taken as raw bytes: the
 * signature covers exactly what was sent, so it is verified before any JSON parsing.
 */
@Path("/api/v1/channels/{channelId}/messages")
public class IngestResource {

    private final IngestService service;

    public IngestResource(IngestService service) {
        this.service = service;
    }

    @POST
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@PathParam("channelId") String channelId,
                              @QueryParam("waitMs") String waitMs,
                              @HeaderParam(ChannelSignature.TIMESTAMP_HEADER) String timestamp,
                              @HeaderParam(ChannelSignature.SIGNATURE_HEADER) String signature,
                              byte[] body) {
        return service.ingest(new IngestService.IngestRequest(channelId, timestamp, signature, waitMs, body))
                .map(IngestResource::toResponse);
    }

    static Response toResponse(IngestOutcome outcome) {
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("messageId", accepted.messageId());
                body.put("conversationId", accepted.conversationId());
                body.put("status", accepted.status());
                yield Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
            case IngestOutcome.Replied replied -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("conversationId", replied.conversationId());
                body.put("messageId", replied.messageId());
                body.put("status", replied.status());
                body.put("replies", replied.replies());
                yield Response.ok(body).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
        };
    }
}
