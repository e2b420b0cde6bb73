package org.supportflow.analytics.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Records events as facts, each in one transaction, and tells the caller what was new so that
 * metrics count every event exactly once (a redelivered event is stored and counted once).
 */
@ApplicationScoped
public class FactRecorder {

    private final FactStore store;
    private final FactMapper mapper;

    public FactRecorder(FactStore store, CustomerKeys customerKeys) {
        this.store = store;
        this.mapper = new FactMapper(customerKeys);
    }

    /** What recording a routed message did. */
    public record MessageOutcome(boolean stored, MessageFact fact, boolean remasked) {
    }

    /**
     * What recording a ticket event did; the durations are set when this event is the ticket's first
     * agent reply or first resolution and the ticket's creation is known.
     */
    public record TicketOutcome(boolean stored, TicketFact fact, Duration firstResponse, Duration resolution) {
    }

    @Transactional
    public MessageOutcome record(RoutedMessageEvent event) {
        FactMapper.MappedMessage mapped = mapper.toFact(event);
        MessageFact fact = mapped.fact();
        if (fact.maskedText() != null && store.isErased(fact.conversationId())) {
            fact = withoutText(fact);
        }
        boolean stored = store.insertMessage(fact);
        return new MessageOutcome(stored, fact, stored && mapped.remasked());
    }

    @Transactional
    public TicketOutcome record(TicketEvent event) {
        TicketFact fact = mapper.toFact(event);
        if (!store.insertTicket(fact)) {
            return new TicketOutcome(false, fact, null, null);
        }
        Duration firstResponse = null;
        Duration resolution = null;
        if (event.type() == TicketEvent.Type.AGENT_REPLIED) {
            firstResponse = sinceCreation(fact, TicketMilestone.FIRST_REPLY);
        } else if (event.type() == TicketEvent.Type.STATUS_CHANGED && (event.status() == TicketStatus.SOLVED || event.status() == TicketStatus.CLOSED)) {
            resolution = sinceCreation(fact, TicketMilestone.RESOLUTION);
        }
        return new TicketOutcome(true, fact, firstResponse, resolution);
    }

    /** The time from the ticket's creation to this event if it is the ticket's first of the milestone. */
    private Duration sinceCreation(TicketFact fact, TicketMilestone milestone) {
        if (store.milestoneReachedBefore(fact.ticketId(), milestone, fact.occurredAt(), fact.eventId())) {
            return null;
        }
        Instant createdAt = store.ticketCreatedAt(fact.ticketId()).orElse(null);
        if (createdAt == null || createdAt.isAfter(fact.occurredAt())) {
            return null;
        }
        return Duration.between(createdAt, fact.occurredAt());
    }

    private static MessageFact withoutText(MessageFact fact) {
        return new MessageFact(fact.eventId(), fact.conversationId(), fact.messageId(), fact.channelId(),
                fact.channelType(), null, fact.receivedAt(), fact.routedAt(), fact.language(), fact.intent(),
                fact.confidence(), fact.sentiment(), fact.route(), fact.handoffReason(), fact.priority(),
                fact.afterHours(), null);
    }
}
