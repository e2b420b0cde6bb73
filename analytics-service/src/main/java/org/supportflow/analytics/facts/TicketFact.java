package org.supportflow.analytics.facts;

import java.time.Instant;

/** One ticket change as analytics keeps it (no free text: ticket events carry none). */
public record TicketFact(
        String eventId,
        String ticketId,
        String conversationId,
        String channelId,
        String type,
        String status,
        String priority,
        String handoffReason,
        String intent,
        Integer csatScore,
        String sla,
        Instant occurredAt) {
}
