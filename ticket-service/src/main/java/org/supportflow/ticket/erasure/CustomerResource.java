package org.supportflow.ticket.erasure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.web.PlainText;

import java.time.Instant;
import java.util.List;

/** {@code DELETE /api/v1/customers/{customerId}} (admin): erase the customer's personal data everywhere. */
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    public record ErasureView(String customerId, List<String> conversationIds, String eventId, Instant erasedAt) {
    }

    private final CustomerErasure erasure;
    private final CurrentUser user;

    public CustomerResource(CustomerErasure erasure, CurrentUser user) {
        this.erasure = erasure;
        this.user = user;
    }

    @DELETE
    @Path("/{customerId}")
    @RolesAllowed(CurrentUser.ADMIN)
    public ErasureView erase(@PathParam("customerId") @PlainText(lineBreaks = false) @Size(max = 200)
                             String customerId) {
        CustomerErasureEvent event = erasure.eraseOnRequest(customerId, user.id());
        return new ErasureView(event.customerId(), event.conversationIds(), event.eventId(), event.occurredAt());
    }
}
