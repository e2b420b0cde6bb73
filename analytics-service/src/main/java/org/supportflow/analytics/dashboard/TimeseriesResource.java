package org.supportflow.analytics.dashboard;

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

/** {@code GET /api/v1/analytics/timeseries}: the operator dashboard's figures over time (supervisors, admins). */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class TimeseriesResource {

    private final TimeseriesService service;

    public TimeseriesResource(TimeseriesService service) {
        this.service = service;
    }

    @GET
    @Path("/timeseries")
    @RolesAllowed({"supervisor", "admin"})
    @Operation(summary = "Conversations, automation, handoffs, response times, CSAT and intents per hour or day")
    @APIResponse(responseCode = "200", description = "the series")
    @APIResponse(responseCode = "400", description = "invalid range, bucket, channelId or top, or too many points")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "neither supervisor nor admin")
    public Timeseries timeseries(
            @Parameter(description = "start (inclusive): ISO-8601 instant or date; default 'to' minus 7 days")
            @QueryParam("from") String from,
            @Parameter(description = "end (exclusive; a date includes that day): ISO-8601 instant or date; default now")
            @QueryParam("to") String to,
            @Parameter(description = "'hour' or 'day' (UTC); default hour up to 48 h, else day; at most 744 points")
            @QueryParam("bucket") String bucket,
            @Parameter(description = "only this channel's conversations and tickets")
            @QueryParam("channelId") String channelId,
            @Parameter(description = "how many intents topIntents lists (1-20, default 5)")
            @QueryParam("top") String top) {
        return service.timeseries(from, to, bucket, channelId, top);
    }
}
