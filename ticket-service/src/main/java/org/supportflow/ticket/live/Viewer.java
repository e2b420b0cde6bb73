package org.supportflow.ticket.live;

/**
 * Who holds a live stream open, fixed when it opens. The same rule as the API's
 * ({@code TicketAccess.canSee}): supervisors and admins see every ticket; an agent the queue (unassigned
 * tickets) and their own.
 */
public record Viewer(String id, boolean seesAllTickets) {

    public boolean maySee(TicketChange change) {
        return seesAllTickets || change.assignee() == null || change.assignee().equals(id);
    }
}
