package org.supportflow.ticket.publish;

/** Reactive Messaging channel names (the topics are configured in application.properties). */
public final class Channels {

    public static final String INBOUND = "inbound";
    public static final String ROUTED = "routed";
    public static final String OUTBOUND_IN = "outbound-in";
    public static final String DELIVERY_STATUS = "delivery-status";
    public static final String ASSIGNMENTS = "assignments";
    public static final String ERASURE_IN = "erasure-in";

    /** The batch consumers' dead-letter topics (SmallRye's own dead-letter strategy does not fit batches). */
    public static final String INBOUND_DLQ = "inbound-dlq";
    public static final String ROUTED_DLQ = "routed-dlq";
    public static final String OUTBOUND_IN_DLQ = "outbound-in-dlq";
    public static final String DELIVERY_STATUS_DLQ = "delivery-status-dlq";

    public static final String TICKET_EVENTS = "ticket-events";
    public static final String OUTBOUND = "outbound";
    public static final String NLU_FEEDBACK = "nlu-feedback";
    public static final String PRESENCE = "presence";
    public static final String ERASURE = "erasure";

    private Channels() {
    }
}
