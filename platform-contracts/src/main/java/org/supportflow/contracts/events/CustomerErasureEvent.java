package org.supportflow.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to erase a customer's personal data everywhere ({@code customer.erasure}), keyed by
 * customer id. {@code conversationIds} lists the customer's conversations known to ticket-service so
 * that services that only know conversations can act too.
 */
public record CustomerErasureEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String customerId,
        List<String> conversationIds,
        String requestedBy) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public CustomerErasureEvent {
        Objects.requireNonNull(customerId, "customerId");
        conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
    }

    public static CustomerErasureEvent of(String customerId, List<String> conversationIds, String requestedBy) {
        return new CustomerErasureEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), customerId,
                conversationIds, requestedBy);
    }

    @Override
    public String conversationId() {
        return null;
    }

    @Override
    public String channelId() {
        return null;
    }

    @Override
    public String messageId() {
        return null;
    }

    @Override
    public String key() {
        return customerId;
    }
}
