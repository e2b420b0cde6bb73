package org.supportflow.analytics.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.facts.FactStore;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.contracts.events.CustomerErasureEvent;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Acts on {@code customer.erasure}: the masked texts and pseudonymous customer keys of the customer's
 * conversations are cleared, while every count stays (a conversation remains countable without any
 * personal data). Conversations are found both from the event's list and from the customer key, so a
 * conversation ticket-service never saw is erased too. Idempotent: running it twice changes nothing.
 */
@ApplicationScoped
public class ErasureService {

    private final FactStore store;
    private final CustomerKeys customerKeys;
    private final Clock clock;

    public ErasureService(FactStore store, CustomerKeys customerKeys, Clock clock) {
        this.store = store;
        this.customerKeys = customerKeys;
        this.clock = clock;
    }

    /** The outcome of one request: whether it was new, and how many conversations and texts it touched. */
    public record Outcome(boolean firstTime, int conversations, int messagesErased) {
    }

    @Transactional
    public Outcome erase(CustomerErasureEvent event) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new InvalidEventException("erasure event without eventId");
        }
        if (event.schemaVersion() < 1 || event.schemaVersion() > CustomerErasureEvent.SCHEMA_VERSION) {
            throw new InvalidEventException("CustomerErasureEvent schema version " + event.schemaVersion()
                    + " is not supported");
        }
        List<String> conversations = event.conversationIds().stream()
                .filter(Objects::nonNull).filter(id -> !id.isBlank()).distinct().toList();
        FactStore.ErasureCount count = store.erase(conversations, customerKeys.keyOf(event.customerId()),
                clock.instant());
        boolean firstTime = store.logErasure(event.eventId(), event.occurredAt(), count);
        return new Outcome(firstTime, count.conversations(), count.messages());
    }
}
