package org.supportflow.ticket.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.ticket.customers.CustomerStore;
import org.supportflow.ticket.history.HistoryEntry;
import org.supportflow.ticket.history.HistoryStore;
import org.supportflow.ticket.transcript.DeliveryStatusStore;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The cheap part of a poll, in one transaction: one query tells which of the poll's conversations have a
 * ticket ({@link PollSplit}); the events of the others are appended to their history in one insert, without
 * a conversation lock, an entity or an inbox row per event (the history's natural key makes a redelivery a
 * no-op). Returns the events left for the full ticket path ({@link ConversationIngest}), in poll order.
 */
@ApplicationScoped
public class BotPathIngest {

    private final HistoryStore history;
    private final CustomerStore customers;
    private final DeliveryStatusStore deliveries;
    private final Clock clock;

    public BotPathIngest(HistoryStore history, CustomerStore customers, DeliveryStatusStore deliveries, Clock clock) {
        this.history = history;
        this.customers = customers;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Transactional
    public List<InboundMessageEvent> inbound(List<InboundMessageEvent> events) {
        Instant now = clock.instant();
        PollSplit<InboundMessageEvent> split = split(events, InboundMessageEvent::conversationId, event -> false);
        // the profile as the poll's latest message of each customer tells it, all customers in one statement
        // (which locks them in id order); the full path records its own
        Map<String, InboundMessageEvent> latestOfCustomer = new LinkedHashMap<>();
        split.botOnly().forEach(event -> latestOfCustomer.put(event.customer().id(), event));
        customers.recordAll(latestOfCustomer.values().stream()
                .map(event -> new CustomerStore.Sighting(event.customer(), event.channelId(), event.channelType()))
                .toList(), now);
        history.append(split.botOnly().stream().map(event -> HistoryEntry.of(event, now)).toList(), now);
        return split.fullPath();
    }

    @Transactional
    public List<RoutedMessageEvent> routed(List<RoutedMessageEvent> events) {
        Instant now = clock.instant();
        PollSplit<RoutedMessageEvent> split = split(events, RoutedMessageEvent::conversationId,
                BotPathIngest::opensTicket);
        history.append(split.botOnly().stream().map(event -> HistoryEntry.of(event, now)).toList(), now);
        return split.fullPath();
    }

    @Transactional
    public List<OutboundMessageEvent> outbound(List<OutboundMessageEvent> events) {
        Instant now = clock.instant();
        PollSplit<OutboundMessageEvent> split = split(events, OutboundMessageEvent::conversationId, event -> false);
        history.append(split.botOnly().stream().map(event -> HistoryEntry.of(event, now)).toList(), now);
        return split.fullPath();
    }

    /** Delivery statuses concern no ticket: the whole poll in one statement, the newest status winning. */
    @Transactional
    public void deliveryStatuses(List<DeliveryStatusEvent> events) {
        deliveries.recordAll(events, clock.instant());
    }

    /** A routed event that hands the message to a person (or names an agent) opens or continues a ticket. */
    static boolean opensTicket(RoutedMessageEvent event) {
        RoutingDecision decision = event.decision();
        return decision.toHuman() || decision.agentId() != null;
    }

    private <T> PollSplit<T> split(List<T> events, Function<T, String> conversationOf,
                                   java.util.function.Predicate<T> opensTicket) {
        Set<String> conversations = new LinkedHashSet<>();
        events.forEach(event -> conversations.add(conversationOf.apply(event)));
        return PollSplit.of(events, conversationOf, opensTicket, history.withTicket(conversations));
    }
}
