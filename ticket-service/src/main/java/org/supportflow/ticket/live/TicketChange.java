package org.supportflow.ticket.live;

import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;

/**
 * What an open console learns of a ticket change: enough to update its inbox row or reload the open ticket.
 * Built from a {@code ticket.events} record, which carries no free text, so neither does this.
 */
public record TicketChange(String ticketId, String conversationId, String channelId, TicketEvent.Type type,
                           TicketStatus status, Priority priority, String assignee, Instant occurredAt) {

    public static TicketChange of(TicketEvent event) {
        return new TicketChange(event.ticketId(), event.conversationId(), event.channelId(), event.type(),
                event.status(), event.priority(), event.assigneeId(), event.occurredAt());
    }
}
