package org.supportflow.ticket.tickets;

import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;

import java.time.Instant;
import java.util.Map;

/** Builds {@code ticket.events} records from a ticket's current state. No free text ever goes in. */
public final class TicketEvents {

    private TicketEvents() {
    }

    public static TicketEvent of(Ticket ticket, TicketEvent.Type type, String messageId, Map<String, String> attributes,
                                 Instant now) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, now, ticket.conversationId,
                ticket.channelId, messageId, ticket.id, type, ticket.status, ticket.priority, ticket.assigneeId,
                ticket.handoffReason, ticket.intent,
                type == TicketEvent.Type.CSAT_RECORDED ? ticket.csatScore : null, attributes);
    }
}
