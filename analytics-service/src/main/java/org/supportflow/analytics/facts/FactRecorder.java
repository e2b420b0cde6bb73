package org.supportflow.analytics.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records events as facts and tells the caller what was new so that metrics count every event exactly once
 * (a redelivered event is stored and counted once). The consumers record a poll at a time: one transaction,
 * and for routed messages one multi-row insert, however many events the poll holds.
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
        return recordAll(List.of(event)).get(0);
    }

    /**
     * Records routed messages, all or nothing: an invalid event ({@link InvalidEventException}) fails the
     * whole list, which the consumer then records one by one to isolate it.
     *
     * @return one outcome per event, in order
     */
    @Transactional
    public List<MessageOutcome> recordAll(List<RoutedMessageEvent> events) {
        List<FactMapper.MappedMessage> mapped = new ArrayList<>(events.size());
        Set<String> withText = new HashSet<>();
        for (RoutedMessageEvent event : events) {
            FactMapper.MappedMessage message = mapper.toFact(event);
            mapped.add(message);
            if (message.fact().maskedText() != null) {
                withText.add(message.fact().conversationId());
            }
        }
        Set<String> erased = store.erased(withText);
        List<MessageFact> facts = new ArrayList<>(mapped.size());
        for (FactMapper.MappedMessage message : mapped) {
            MessageFact fact = message.fact();
            facts.add(fact.maskedText() != null && erased.contains(fact.conversationId()) ? withoutText(fact) : fact);
        }
        Set<String> inserted = store.insertMessages(facts);
        Set<String> counted = new HashSet<>();
        List<MessageOutcome> outcomes = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            MessageFact fact = facts.get(i);
            // the same event twice in the list: stored once, by the first
            boolean stored = inserted.contains(fact.eventId()) && counted.add(fact.eventId());
            outcomes.add(new MessageOutcome(stored, fact, stored && mapped.get(i).remasked()));
        }
        return outcomes;
    }

    /** Records ticket events in their order, all or nothing (a milestone depends on the events before it). */
    @Transactional
    public List<TicketOutcome> recordAllTickets(List<TicketEvent> events) {
        List<TicketOutcome> outcomes = new ArrayList<>(events.size());
        for (TicketEvent event : events) {
            outcomes.add(record(event));
        }
        return outcomes;
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
                fact.afterHours(), null, fact.action());
    }
}
