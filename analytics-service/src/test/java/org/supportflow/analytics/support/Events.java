package org.supportflow.analytics.support;

import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.CustomerRef;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.contracts.taxonomy.Urgency;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds contract events with fixed times for tests. */
public final class Events {

    private Events() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** A routed customer message; {@code reason} only for routes to a human. */
    public static RoutedMessageEvent routed(String conversationId, String channelId, ChannelType channelType,
                                            String customerId, String messageId, Instant receivedAt, String intent,
                                            double confidence, RoutingDecision.Route route, HandoffReason reason,
                                            String maskedText) {
        NluResult nlu = new NluResult("ko", intent, confidence,
                List.of(new NluResult.IntentScore(intent, confidence)), SentimentLabel.NEUTRAL, 0.0, Urgency.NORMAL,
                List.of(), maskedText, null, "test-model");
        RoutingDecision decision = new RoutingDecision(route, reason,
                route == RoutingDecision.Route.BOT ? null : Priority.NORMAL, null, false);
        return new RoutedMessageEvent(id(), RoutedMessageEvent.SCHEMA_VERSION, receivedAt.plusMillis(200),
                conversationId, channelId, messageId, channelType, new CustomerRef(customerId, "ko-KR", null),
                receivedAt, nlu, decision);
    }

    public static RoutedMessageEvent bot(String conversationId, String channelId, String customerId, Instant at,
                                         String intent, double confidence, String maskedText) {
        return routed(conversationId, channelId, ChannelType.WEB, customerId, id(), at, intent, confidence,
                RoutingDecision.Route.BOT, null, maskedText);
    }

    /** The same routed message with what a domain action did with it. */
    public static RoutedMessageEvent withAction(RoutedMessageEvent event, ActionStep action) {
        return new RoutedMessageEvent(event.eventId(), event.schemaVersion(), event.occurredAt(),
                event.conversationId(), event.channelId(), event.messageId(), event.channelType(), event.customer(),
                event.receivedAt(), event.nlu(), event.decision(), action);
    }

    public static TicketEvent ticket(String conversationId, String channelId, String ticketId, TicketEvent.Type type,
                                     Instant at, TicketStatus status, Priority priority, Integer csatScore,
                                     Map<String, String> attributes) {
        return new TicketEvent(id(), TicketEvent.SCHEMA_VERSION, at, conversationId, channelId, null, ticketId, type,
                status, priority, null, null, null, csatScore, attributes);
    }

    public static TicketEvent ticket(String conversationId, String channelId, String ticketId, TicketEvent.Type type,
                                     Instant at) {
        TicketStatus status = type == TicketEvent.Type.CREATED ? TicketStatus.NEW : TicketStatus.OPEN;
        return ticket(conversationId, channelId, ticketId, type, at, status, Priority.NORMAL, null, Map.of());
    }

    public static TicketEvent solved(String conversationId, String channelId, String ticketId, Instant at,
                                     Priority priority) {
        return ticket(conversationId, channelId, ticketId, TicketEvent.Type.STATUS_CHANGED, at, TicketStatus.SOLVED,
                priority, null, Map.of());
    }

    public static TicketEvent csat(String conversationId, String channelId, String ticketId, Instant at, int score) {
        return ticket(conversationId, channelId, ticketId, TicketEvent.Type.CSAT_RECORDED, at, TicketStatus.SOLVED,
                Priority.NORMAL, score, Map.of());
    }
}
