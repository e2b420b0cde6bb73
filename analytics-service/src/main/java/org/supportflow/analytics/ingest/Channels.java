package org.supportflow.analytics.ingest;

/**
 * Reactive-messaging channel names of analytics-service (configured in application.properties).
 * Analytics reads only topics without personal data: never conversation.inbound or conversation.outbound.
 */
public final class Channels {

    /** {@code conversation.routed}: every customer message with its NLU result (masked) and route. */
    public static final String ROUTED = "routed";
    /** {@code ticket.events}: ticket lifecycle, agent replies, SLA breaches and CSAT. */
    public static final String TICKETS = "tickets";
    /** {@code conversation.routed.analytics-service.dlq}, written by the batch listener itself. */
    public static final String ROUTED_DEAD_LETTERS = "routed-dead-letters";
    /** {@code ticket.events.analytics-service.dlq}, written by the batch listener itself. */
    public static final String TICKETS_DEAD_LETTERS = "tickets-dead-letters";
    /** {@code customer.erasure}: erase a customer's texts. */
    public static final String ERASURE = "erasure";

    private Channels() {
    }
}
