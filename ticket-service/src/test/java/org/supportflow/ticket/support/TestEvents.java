package org.supportflow.ticket.support;

import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of the platform events a conversation produces, with fresh ids per test. */
public final class TestEvents {

    public static final String CHANNEL = "demo-web";

    private TestEvents() {
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static Customer customer(String id) {
        return new Customer(id, "홍길동", "ko-KR", "VIP");
    }

    public static InboundMessageEvent inbound(String conversationId, String messageId, Customer customer, String text) {
        return InboundMessageEvent.of(conversationId, CHANNEL, ChannelType.WEB, messageId, customer, text, null,
                Map.of());
    }

    public static NluResult nlu(String intent, String maskedText) {
        return new NluResult("ko", intent, 0.91, List.of(new NluResult.IntentScore(intent, 0.91)),
                SentimentLabel.NEGATIVE, -0.6, Urgency.NORMAL, List.of(), maskedText, null, "test-model-1");
    }

    public static RoutedMessageEvent routed(InboundMessageEvent inbound, String intent, String maskedText,
                                            RoutingDecision.Route route, Priority priority, String agentId) {
        return routed(inbound, intent, maskedText, route, priority, agentId, null);
    }

    public static RoutedMessageEvent routed(InboundMessageEvent inbound, String intent, String maskedText,
                                            RoutingDecision.Route route, Priority priority, String agentId,
                                            ActionStep action) {
        ClassifiedMessageEvent classified = ClassifiedMessageEvent.of(inbound, nlu(intent, maskedText));
        HandoffReason reason = route == RoutingDecision.Route.BOT ? null : HandoffReason.INTENT_POLICY;
        return RoutedMessageEvent.of(classified, new RoutingDecision(route, reason, priority, agentId, false), action);
    }

    /** The bot's answer to a message of a domain action (it asked for a slot, or called the company's system). */
    public static RoutedMessageEvent botAction(InboundMessageEvent inbound, ActionStep action) {
        return routed(inbound, "order_status", inbound.text(), RoutingDecision.Route.BOT, Priority.NORMAL, null,
                action);
    }

    public static RoutedMessageEvent handoff(InboundMessageEvent inbound, Priority priority) {
        return routed(inbound, "delivery_problem", inbound.text(), RoutingDecision.Route.HUMAN, priority, null);
    }

    public static OutboundMessageEvent botReply(String conversationId, String inReplyTo, String text) {
        return OutboundMessageEvent.of(conversationId, CHANNEL, inReplyTo, Author.BOT, null,
                OutboundMessageEvent.Kind.ANSWER, text, List.of());
    }

    public static AgentAssignmentEvent assignment(String conversationId, String messageId, String agentId) {
        return AgentAssignmentEvent.of(conversationId, CHANNEL, messageId, agentId, Priority.HIGH, Duration.ZERO);
    }
}
