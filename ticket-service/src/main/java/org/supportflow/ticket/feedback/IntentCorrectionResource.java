package org.supportflow.ticket.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.ticket.common.CurrentUser;

/** {@code POST /api/v1/tickets/{id}/messages/{messageId}/intent}: an agent corrects the NLU. */
@Path("/api/v1/tickets/{id}/messages/{messageId}/intent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class IntentCorrectionResource {

    public record IntentRequest(String intent) {
    }

    private final IntentCorrection corrections;
    private final CurrentUser user;

    public IntentCorrectionResource(IntentCorrection corrections, CurrentUser user) {
        this.corrections = corrections;
        this.user = user;
    }

    @POST
    public IntentCorrection.Correction correct(@PathParam("id") String ticketId,
                                               @PathParam("messageId") String messageId, IntentRequest request) {
        return corrections.correct(ticketId, messageId, request == null ? null : request.intent(), user);
    }
}
