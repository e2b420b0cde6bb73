package org.supportflow.ticket.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.tickets.Ticket;

import java.util.Optional;

/** Builds ticket situations through the ingest domain (fast, no broker round trip). */
public final class Scenario {

    public static final String RAW_TEXT = "주문한 상품이 아직 안 왔어요. 연락처 010-1234-5678";
    public static final String MASKED_TEXT = "주문한 상품이 아직 안 왔어요. 연락처 [PHONE]";

    private Scenario() {
    }

    /** A customer message handed to humans: one NEW ticket. */
    public record Handoff(String conversationId, String customerId, String messageId, String ticketId,
                          InboundMessageEvent inbound, RoutedMessageEvent routed) {
    }

    public static Handoff handoff(ConversationIngest ingest, Priority priority) {
        return handoff(ingest, priority, TestEvents.newId("cust"));
    }

    public static Handoff handoff(ConversationIngest ingest, Priority priority, String customerId) {
        String conversationId = TestEvents.newId("conv");
        String messageId = TestEvents.newId("msg");
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, messageId, TestEvents.customer(customerId),
                RAW_TEXT);
        RoutedMessageEvent routed = TestEvents.routed(inbound, "delivery_problem", MASKED_TEXT,
                org.supportflow.contracts.events.RoutingDecision.Route.HUMAN, priority, null);
        ingest.onInbound(inbound);
        ingest.onRouted(routed);
        String ticketId = activeTicket(conversationId).map(ticket -> ticket.id)
                .orElseThrow(() -> new AssertionError("no ticket after a handoff"));
        return new Handoff(conversationId, customerId, messageId, ticketId, inbound, routed);
    }

    public static Optional<Ticket> activeTicket(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.activeOf(conversationId));
    }

    public static Ticket ticket(String ticketId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Ticket ticket = Ticket.findById(ticketId);
            if (ticket != null) {
                ticket.tags.size();
            }
            return ticket;
        });
    }
}
