package org.supportflow.analytics.summary;

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

/** {@code GET /api/v1/analytics/summary} (CONTRACT.md §3): operators only. */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class SummaryResource {

    private final SummaryService service;

    public SummaryResource(SummaryService service) {
        this.service = service;
    }

    @GET
    @Path("/summary")
    @RolesAllowed({"supervisor", "admin"})
    @Operation(summary = "Automation, handoffs, response and resolution times, CSAT and intents of a time range")
    @APIResponse(responseCode = "200", description = "the summary")
    @APIResponse(responseCode = "400", description = "invalid or inverted range, or invalid 'top'")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "neither supervisor nor admin")
    public AnalyticsSummary summary(
            @Parameter(description = "start (inclusive): ISO-8601 instant or date; default 'to' minus 7 days")
            @QueryParam("from") String from,
            @Parameter(description = "end (exclusive; a date includes that day): ISO-8601 instant or date; default now")
            @QueryParam("to") String to,
            @Parameter(description = "how many intents topIntents lists (1-100, default 10)")
            @QueryParam("top") String top) {
        return service.summary(from, to, top);
    }
}
