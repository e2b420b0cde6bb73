package org.supportflow.routing.testing;

import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.CustomerRef;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Event fixtures for tests. */
public final class Events {

    private Events() {
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static ClassifiedMessageEvent classified(String conversationId, String messageId, NluResult nlu) {
        return classified(conversationId, messageId, nlu, new CustomerRef("cust-" + conversationId, "ko-KR", null));
    }

    public static ClassifiedMessageEvent classified(String conversationId, String messageId, NluResult nlu,
                                                    CustomerRef customer) {
        return new ClassifiedMessageEvent(PlatformEvent.newEventId(), ClassifiedMessageEvent.SCHEMA_VERSION,
                Instant.now(), conversationId, "demo-web", messageId, ChannelType.WEB, customer, Instant.now(), nlu);
    }

    public static TicketEvent ticket(String conversationId, TicketEvent.Type type, TicketStatus status,
                                     String assigneeId) {
        return ticket(conversationId, "ticket-" + conversationId, type, status, assigneeId);
    }

    public static TicketEvent ticket(String conversationId, String ticketId, TicketEvent.Type type,
                                     TicketStatus status, String assigneeId) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, ticketId, type, status, Priority.HIGH, assigneeId, null, null, null, Map.of());
    }
}
