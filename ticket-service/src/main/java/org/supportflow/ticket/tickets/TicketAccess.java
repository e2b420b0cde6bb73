package org.supportflow.ticket.tickets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.web.PlainText;

/**
 * Who may see and work on a ticket: supervisors and admins every ticket; an agent the queue (unassigned
 * tickets) and tickets assigned to them, and not other agents' tickets (403).
 */
@ApplicationScoped
public class TicketAccess {

    private final EntityManager em;

    public TicketAccess(EntityManager em) {
        this.em = em;
    }

    public static boolean canSee(CurrentUser user, Ticket ticket) {
        return user.seesAllTickets() || ticket.assigneeId == null || ticket.assigneeId.equals(user.id());
    }

    /** The ticket for reading: 404 when unknown, 403 when it is another agent's. */
    public Ticket visible(String ticketId, CurrentUser user) {
        Ticket ticket = couldBeATicketId(ticketId) ? Ticket.findById(ticketId) : null;
        return check(ticketId, ticket, user);
    }

    /** The ticket locked for a change by this request (serialises with the Kafka side). */
    public Ticket lockedForChange(String ticketId, CurrentUser user) {
        Ticket ticket = couldBeATicketId(ticketId) ? em.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE)
                : null;
        return check(ticketId, ticket, user);
    }

    /** Ticket ids are short and printable; anything else (a NUL PostgreSQL refuses) is no ticket, not a 500. */
    private static boolean couldBeATicketId(String id) {
        return id != null && id.length() <= 200 && PlainText.Validator.isPlain(id, false);
    }

    private static Ticket check(String ticketId, Ticket ticket, CurrentUser user) {
        if (ticket == null) {
            throw ApiException.notFound("not_found", "no such ticket");
        }
        if (!canSee(user, ticket)) {
            throw ApiException.forbidden("ticket " + ticketId + " is assigned to another agent");
        }
        return ticket;
    }
}
