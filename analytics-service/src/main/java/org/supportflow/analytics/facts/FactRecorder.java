package org.supportflow.analytics.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records events as facts and tells the caller what was new so that metrics count every event exactly once
 * (a redelivered event is stored and counted once). The consumers record a poll at a time: one transaction,
 * and one insert for its facts, however many events the poll holds.
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

    /**
     * Records ticket events, all or nothing: the facts in one statement, then the durations the poll's stored
     * milestone events end, each measured as if the events had been recorded one by one in their order (against
     * the facts stored before the poll and the poll's stored events before it, never a later one).
     *
     * @return one outcome per event, in order
     */
    @Transactional
    public List<TicketOutcome> recordAllTickets(List<TicketEvent> events) {
        List<TicketFact> facts = events.stream().map(mapper::toFact).toList();
        Set<String> inserted = store.insertTickets(facts);
        Set<String> counted = new HashSet<>();
        List<Boolean> stored = new ArrayList<>(facts.size());
        Set<String> measuredTickets = new HashSet<>();
        for (TicketFact fact : facts) {
            // the same event twice in the list: stored once, by the first
            boolean isNew = inserted.contains(fact.eventId()) && counted.add(fact.eventId());
            stored.add(isNew);
            if (isNew && TicketMilestone.of(fact) != null) {
                measuredTickets.add(fact.ticketId());
            }
        }
        // one query for the poll, none when no stored event ends a duration
        Map<String, TicketProgress> progress = new HashMap<>(store.ticketProgress(measuredTickets, inserted));
        List<TicketOutcome> outcomes = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            TicketFact fact = facts.get(i);
            if (!stored.get(i)) {
                outcomes.add(new TicketOutcome(false, fact, null, null));
                continue;
            }
            TicketMilestone milestone = TicketMilestone.of(fact);
            Duration measured = null;
            if (measuredTickets.contains(fact.ticketId())) {
                TicketProgress before = progress.getOrDefault(fact.ticketId(), TicketProgress.NONE);
                measured = milestone == null ? null : before.measure(fact, milestone);
                // every stored fact of the ticket, a CREATED too, counts for the events after it
                progress.put(fact.ticketId(), before.with(fact));
            }
            outcomes.add(new TicketOutcome(true, fact,
                    milestone == TicketMilestone.FIRST_REPLY ? measured : null,
                    milestone == TicketMilestone.RESOLUTION ? measured : null));
        }
        return outcomes;
    }

    private static MessageFact withoutText(MessageFact fact) {
        return new MessageFact(fact.eventId(), fact.conversationId(), fact.messageId(), fact.channelId(),
                fact.channelType(), null, fact.receivedAt(), fact.routedAt(), fact.language(), fact.intent(),
                fact.confidence(), fact.sentiment(), fact.route(), fact.handoffReason(), fact.priority(),
                fact.afterHours(), null, fact.action());
    }
}
