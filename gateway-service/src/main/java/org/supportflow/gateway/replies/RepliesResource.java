package org.supportflow.gateway.replies;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.contracts.signing.ChannelSignature;

/**
 * {@code GET /api/v1/conversations/{conversationId}/replies?after=<cursor>} for channels that poll
 * (CONTRACT.md §1): {@code X-Channel-Id} plus the signature over {@code "<timestamp>.<path?query>"}, the path
 * and query exactly as sent.
 */
@Path("/api/v1/conversations/{conversationId}/replies")
public class RepliesResource {

    private final RepliesService service;

    public RepliesResource(RepliesService service) {
        this.service = service;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public RepliesPage replies(@PathParam("conversationId") String conversationId,
                               @QueryParam("after") String after,
                               @QueryParam("limit") String limit,
                               @HeaderParam(ChannelSignature.CHANNEL_HEADER) String channelId,
                               @HeaderParam(ChannelSignature.TIMESTAMP_HEADER) String timestamp,
                               @HeaderParam(ChannelSignature.SIGNATURE_HEADER) String signature,
                               @Context HttpServerRequest request) {
        return service.page(new RepliesService.PollRequest(conversationId, after, limit, channelId, timestamp,
                signature, RepliesService.signedTarget(request.uri())));
    }
}
