package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a ticket ({@code ticket.events}); consumers: routing-service (bot silence, agent capacity)
 * and analytics-service. No free text: notes and replies stay in ticket-service.
 *
 * @param messageId  the conversation message that caused the change, if any
 * @param csatScore  1..5 for {@link Type#CSAT_RECORDED}, else null
 * @param attributes small extra facts (e.g. {@code sla=first_response}); never personal data
 */
public record TicketEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        String ticketId,
        Type type,
        TicketStatus status,
        Priority priority,
        String assigneeId,
        HandoffReason handoffReason,
        String intent,
        Integer csatScore,
        Map<String, String> attributes) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        CREATED, ASSIGNED, STATUS_CHANGED, PRIORITY_CHANGED, CUSTOMER_MESSAGE, AGENT_REPLIED,
        SLA_BREACHED, CSAT_REQUESTED, CSAT_RECORDED,
        /**
         * A customer message already on the ticket got its other half: the words ({@code conversation.inbound})
         * or the NLU's reading ({@code conversation.routed}), which travel on different topics and arrive in
         * either order. Tells open consoles to show it again; no figure counts it.
         */
        MESSAGE_UPDATED
    }

    public TicketEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(type, "type");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
