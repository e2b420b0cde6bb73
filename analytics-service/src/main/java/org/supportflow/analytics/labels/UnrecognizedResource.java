package org.supportflow.analytics.labels;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The bot's unrecognized messages (masked) and their labels for the next NLU training run. */
@Path("/api/v1/analytics/unrecognized")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
@RolesAllowed({"supervisor", "admin"})
public class UnrecognizedResource {

    private final LabelService service;
    private final SecurityIdentity identity;

    public UnrecognizedResource(LabelService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** {@code {"messages": [...]}}: newest first. */
    public record Messages(List<UnrecognizedMessage> messages) {
    }

    /** {@code {"labels": [...]}}: oldest label first. */
    public record Labels(List<LabeledExample> labels) {
    }

    @GET
    @Operation(summary = "Messages the bot did not understand in a range (masked text), with their labels")
    @APIResponse(responseCode = "400", description = "invalid range, channelId or limit")
    public Messages unrecognized(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("channelId") String channelId, @QueryParam("limit") String limit) {
        return new Messages(service.unrecognized(from, to, channelId, limit));
    }

    @PUT
    @Path("/{id}/label")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Labels an unrecognized message with an intent of the taxonomy, for the next training run")
    @APIResponse(responseCode = "204", description = "stored (replacing an earlier label)")
    @APIResponse(responseCode = "400", description = "not an intent of the taxonomy")
    @APIResponse(responseCode = "404", description = "no unrecognized message with this id (or its text was erased)")
    public void label(@PathParam("id") String id, @Valid @NotNull LabelRequest body) {
        service.label(id, body.intent(), identity.getPrincipal().getName());
    }

    @GET
    @Path("/labels")
    @Operation(summary = "Labeled examples (masked text, language, intent, who, when) for NLU training")
    @APIResponse(responseCode = "400", description = "invalid since or limit")
    public Labels labels(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return new Labels(service.labels(since, limit));
    }
}
