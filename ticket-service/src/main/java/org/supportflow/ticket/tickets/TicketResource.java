package org.supportflow.ticket.tickets;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.supportflow.web.PlainText;

import java.util.List;

/** The agents' ticket API (CONTRACT.md §2). */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class TicketResource {

    /** Body of a reply to the customer. */
    public record ReplyRequest(@NotBlank @PlainText @Size(max = TicketCommands.MAX_REPLY_LENGTH) String text) {
    }

    /** Body of an internal note. */
    public record NoteRequest(@NotBlank @PlainText @Size(max = TicketCommands.MAX_NOTE_LENGTH) String text) {
    }

    /** Up to nine digits: parses as an int, whatever the caller sends. */
    private static final String WHOLE_NUMBER = "[0-9]{1,9}";

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
                           @QueryParam("channelId") String channelId,
                           @QueryParam("channelType") String channelType, @QueryParam("sort") String sort,
                           @QueryParam("page") @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number")
                           @Max(TicketQueries.MAX_PAGE) String page,
                           @QueryParam("size") @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number")
                           @Min(1) @Max(TicketQueries.MAX_PAGE_SIZE) String size) {
        return queries.list(new TicketQueries.Filter(status, assignee, priority, conversationId, customerId, sla,
                channelId, channelType, sort, page, size), user);
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
    public Response reply(@PathParam("id") String id,
                          @Valid @NotNull(message = "a body with text is required") ReplyRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(commands.reply(id, request.text(), user))
                .build();
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response note(@PathParam("id") String id,
                         @Valid @NotNull(message = "a body with text is required") NoteRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(commands.note(id, request.text(), user))
                .build();
    }

    @PATCH
    @CustomDeserialization(StrictJsonReader.class)
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Valid @NotNull(message = "a JSON object with the changes is required") TicketPatch body) {
        TicketView ticket = commands.patch(id, body, ifMatch, user);
        return Response.ok(ticket).tag(etag(ticket)).build();
    }

    private static EntityTag etag(TicketView ticket) {
        return new EntityTag(Long.toString(ticket.version()));
    }
}
