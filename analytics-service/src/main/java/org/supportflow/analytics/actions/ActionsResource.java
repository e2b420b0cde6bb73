package org.supportflow.analytics.actions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/analytics/actions}: per domain action, its calls to the company's system (outcomes, failures,
 * latency) and its forms (started, completed, abandoned, given up); supervisors and admins. Names and outcomes
 * only: no slot or response value reaches analytics (the routed event's {@code ActionStep} carries none).
 */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class ActionsResource {

    private final ActionsService service;

    public ActionsResource(ActionsService service) {
        this.service = service;
    }

    @GET
    @Path("/actions")
    @RolesAllowed({"supervisor", "admin"})
    @Operation(summary = "Per domain action: calls, outcomes, failures, mean and p95 latency, forms and their completion")
    @APIResponse(responseCode = "200", description = "the actions' figures, sorted by action name")
    @APIResponse(responseCode = "400", description = "invalid or inverted range, or invalid channelId")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "neither supervisor nor admin")
    public ActionsReport actions(
            @Parameter(description = "start (inclusive): ISO-8601 instant or date; default 'to' minus 7 days")
            @QueryParam("from") String from,
            @Parameter(description = "end (exclusive; a date includes that day): ISO-8601 instant or date; default now")
            @QueryParam("to") String to,
            @Parameter(description = "only this channel's messages")
            @QueryParam("channelId") String channelId) {
        return service.actions(from, to, channelId);
    }
}
