package org.supportflow.ticket.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.tickets.TicketViews.AuditView;
import org.supportflow.ticket.tickets.TicketViews.TicketDetail;
import org.supportflow.ticket.tickets.TicketViews.TicketPage;
import org.supportflow.ticket.tickets.TicketViews.TicketView;

import java.util.List;

/** The agents' ticket API (CONTRACT.md §2). */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class TicketResource {

    /** Body of replies and notes. */
    public record TextRequest(String text) {
    }

    private final TicketQueries queries;
    private final TicketCommands commands;
    private final CurrentUser user;

    public TicketResource(TicketQueries queries, TicketCommands commands, CurrentUser user) {
        this.queries = queries;
        this.commands = commands;
        this.user = user;
    }

    @GET
    public TicketPage list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                           @QueryParam("priority") String priority,
                           @QueryParam("conversationId") String conversationId,
                           @QueryParam("customerId") String customerId, @QueryParam("sla") String sla,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.list(new TicketQueries.Filter(status, assignee, priority, conversationId, customerId, sla, page,
                size), user);
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        TicketDetail detail = queries.detail(id, user);
        return Response.ok(detail).tag(etag(detail.ticket())).build();
    }

    @GET
    @Path("/{id}/audit")
    public List<AuditView> audit(@PathParam("id") String id) {
        return queries.audit(id, user);
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") String id, TextRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(commands.reply(id, request == null ? null : request.text(), user))
                .build();
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response note(@PathParam("id") String id, TextRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(commands.note(id, request == null ? null : request.text(), user))
                .build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          JsonNode body) {
        TicketView ticket = commands.patch(id, body, ifMatch, user);
        return Response.ok(ticket).tag(etag(ticket)).build();
    }

    private static EntityTag etag(TicketView ticket) {
        return new EntityTag(Long.toString(ticket.version()));
    }
}
