package org.supportflow.analytics.domain;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.supportflow.contracts.domain.ActiveIntents;

/** {@code GET /api/v1/analytics/intents}: the active domain's intents, which the dashboard offers as labels. */
@Path("/api/v1/analytics/intents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
@RolesAllowed({"supervisor", "admin"})
public class IntentsResource {

    private final ActiveIntents intents;

    public IntentsResource(ActiveIntents intents) {
        this.intents = intents;
    }

    @GET
    @Operation(summary = "The active domain bundle's intents (empty until the NLU has published its domain)")
    public ActiveIntents.Snapshot intents() {
        return intents.current();
    }
}
