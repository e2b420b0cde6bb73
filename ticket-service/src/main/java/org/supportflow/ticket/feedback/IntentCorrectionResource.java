package org.supportflow.ticket.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

    public record IntentRequest(@NotBlank @Size(max = 64) String intent) {
    }

    private final IntentCorrection corrections;
    private final CurrentUser user;

    public IntentCorrectionResource(IntentCorrection corrections, CurrentUser user) {
        this.corrections = corrections;
        this.user = user;
    }

    @POST
    public IntentCorrection.Correction correct(@PathParam("id") String ticketId,
                                               @PathParam("messageId") String messageId,
                                               @Valid @NotNull(message = "a body with intent is required")
                                               IntentRequest request) {
        return corrections.correct(ticketId, messageId, request.intent(), user);
    }
}
