package org.supportflow.routing.messaging;

/** SmallRye Reactive Messaging channel names (topics and groups are in application.properties). */
public final class Channels {

    public static final String CLASSIFIED = "classified";
    public static final String TICKET_EVENTS = "ticket-events";
    public static final String PRESENCE = "presence";
    public static final String ERASURE = "erasure";
    /** {@code nlu.domain}: the active domain's routing policy, a group per replica. */
    public static final String DOMAIN = "domain";

    public static final String ROUTED = "routed";
    public static final String OUTBOUND = "outbound";
    public static final String ASSIGNMENTS = "assignments";
    /** {@code conversation.classified.routing-service.dlq}, written by the batch consumer itself. */
    public static final String CLASSIFIED_DEAD_LETTERS = "classified-dead-letters";
    /** {@code ticket.events.routing-service.dlq}, written by the batch consumer itself. */
    public static final String TICKET_EVENTS_DEAD_LETTERS = "ticket-events-dead-letters";

    private Channels() {
    }
}
