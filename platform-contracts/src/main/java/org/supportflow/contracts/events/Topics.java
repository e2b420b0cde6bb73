package org.supportflow.contracts.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every topic of the platform, who writes and reads it, and each consumer's dead-letter topic
 * (CONTRACT.md §5). The constants are usable in annotations; {@link #ALL} and {@link #SUBSCRIPTIONS}
 * drive topic creation in the local platform, the tests and the Kubernetes manifests.
 *
 * <p>Keys: conversation topics are keyed by conversation id, {@code agent.presence} by agent id,
 * {@code customer.erasure} by customer id ({@link PlatformEvent#key()}).
 */
public final class Topics {

    public static final String CONVERSATION_INBOUND = "conversation.inbound";
    public static final String CONVERSATION_CLASSIFIED = "conversation.classified";
    public static final String CONVERSATION_ROUTED = "conversation.routed";
    public static final String CONVERSATION_OUTBOUND = "conversation.outbound";
    /** How replies reach customers on channels that cannot take them at any time (KakaoTalk). */
    public static final String CONVERSATION_DELIVERY = "conversation.delivery";
    public static final String TICKET_EVENTS = "ticket.events";
    public static final String AGENT_PRESENCE = "agent.presence";
    /** Internal to the platform (not in the contract): routing's agent assignments for ticket-service. */
    public static final String AGENT_ASSIGNMENTS = "agent.assignments";
    public static final String NLU_FEEDBACK = "nlu.feedback";
    public static final String CUSTOMER_ERASURE = "customer.erasure";
    /**
     * Internal to the platform: the active domain bundle ({@link DomainActivatedEvent}), compacted, one key.
     * Every NLU and routing replica reads it in a consumer group of its own.
     */
    public static final String NLU_DOMAIN = "nlu.domain";

    /** Consumer group ids: one per service, so every replica of a service shares the work. */
    public static final class Groups {
        public static final String GATEWAY = "gateway-service";
        public static final String NLU = "nlu-service";
        public static final String ROUTING = "routing-service";
        public static final String TICKET = "ticket-service";
        public static final String ANALYTICS = "analytics-service";

        private Groups() {
        }
    }

    public record TopicSpec(String name, Class<? extends PlatformEvent> eventType, String key) {
    }

    /** A consumer group reading a topic; failed records go to its own {@link #deadLetterTopic()}. */
    public record Subscription(String group, String topic) {
        public String deadLetterTopic() {
            return Topics.deadLetterTopic(topic, group);
        }
    }

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CONVERSATION_INBOUND, InboundMessageEvent.class, "conversationId"),
            new TopicSpec(CONVERSATION_CLASSIFIED, ClassifiedMessageEvent.class, "conversationId"),
            new TopicSpec(CONVERSATION_ROUTED, RoutedMessageEvent.class, "conversationId"),
            new TopicSpec(CONVERSATION_OUTBOUND, OutboundMessageEvent.class, "conversationId"),
            new TopicSpec(CONVERSATION_DELIVERY, DeliveryStatusEvent.class, "conversationId"),
            new TopicSpec(TICKET_EVENTS, TicketEvent.class, "conversationId"),
            new TopicSpec(AGENT_PRESENCE, AgentPresenceEvent.class, "agentId"),
            new TopicSpec(AGENT_ASSIGNMENTS, AgentAssignmentEvent.class, "conversationId"),
            new TopicSpec(NLU_FEEDBACK, NluFeedbackEvent.class, "conversationId"),
            new TopicSpec(CUSTOMER_ERASURE, CustomerErasureEvent.class, "customerId"),
            new TopicSpec(NLU_DOMAIN, DomainActivatedEvent.class, "\"active\""));

    public static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription(Groups.NLU, CONVERSATION_INBOUND),
            new Subscription(Groups.NLU, NLU_FEEDBACK),
            new Subscription(Groups.NLU, CUSTOMER_ERASURE),
            new Subscription(Groups.NLU, NLU_DOMAIN),
            new Subscription(Groups.ROUTING, CONVERSATION_CLASSIFIED),
            new Subscription(Groups.ROUTING, TICKET_EVENTS),
            new Subscription(Groups.ROUTING, AGENT_PRESENCE),
            new Subscription(Groups.ROUTING, CUSTOMER_ERASURE),
            new Subscription(Groups.ROUTING, NLU_DOMAIN),
            new Subscription(Groups.TICKET, CONVERSATION_INBOUND),
            new Subscription(Groups.TICKET, CONVERSATION_ROUTED),
            new Subscription(Groups.TICKET, CONVERSATION_OUTBOUND),
            new Subscription(Groups.TICKET, CONVERSATION_DELIVERY),
            new Subscription(Groups.TICKET, AGENT_ASSIGNMENTS),
            new Subscription(Groups.TICKET, CUSTOMER_ERASURE),
            new Subscription(Groups.GATEWAY, CONVERSATION_OUTBOUND),
            new Subscription(Groups.GATEWAY, TICKET_EVENTS),
            new Subscription(Groups.GATEWAY, CUSTOMER_ERASURE),
            new Subscription(Groups.ANALYTICS, CONVERSATION_ROUTED),
            new Subscription(Groups.ANALYTICS, TICKET_EVENTS),
            new Subscription(Groups.ANALYTICS, CUSTOMER_ERASURE));

    private Topics() {
    }

    /** {@code <topic>.<group>.dlq}: one dead-letter topic per consumer group and topic. */
    public static String deadLetterTopic(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    /** Every topic to create: the main topics and each subscription's dead-letter topic. */
    public static List<String> allTopicNames() {
        return Stream.concat(ALL.stream().map(TopicSpec::name),
                SUBSCRIPTIONS.stream().map(Subscription::deadLetterTopic)).distinct().toList();
    }
}
