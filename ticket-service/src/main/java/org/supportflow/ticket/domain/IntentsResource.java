package org.supportflow.ticket.domain;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.contracts.domain.ActiveIntents;
import org.supportflow.ticket.common.CurrentUser;

/** {@code GET /api/v1/intents}: the active domain's intents, which the console offers for corrections. */
@Path("/api/v1/intents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class IntentsResource {

    private final ActiveIntents intents;

    public IntentsResource(ActiveIntents intents) {
        this.intents = intents;
    }

    @GET
    public ActiveIntents.Snapshot intents() {
        return intents.current();
    }
}
