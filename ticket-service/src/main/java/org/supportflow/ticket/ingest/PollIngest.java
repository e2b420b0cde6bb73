package org.supportflow.ticket.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A poll of a conversation topic as one transaction: its bot-only part appended to the history
 * ({@link BotPathIngest}), then its events that concern a ticket applied one after the other
 * ({@link ConversationIngest}), one commit for the whole poll instead of one per ticket event.
 *
 * <p>The ticket events are applied conversation by conversation (each conversation's events in poll order), so
 * that the consumers of the three topics, whose polls run concurrently, take conversation locks in one order and
 * do not deadlock on each other. A failure rolls the whole poll back; the caller then applies it record by
 * record ({@link org.supportflow.web.messaging.PollConsumer}), every step being idempotent.
 */
@ApplicationScoped
public class PollIngest {

    private final BotPathIngest botPath;
    private final ConversationIngest ingest;
    private final EntityManager em;

    public PollIngest(BotPathIngest botPath, ConversationIngest ingest, EntityManager em) {
        this.botPath = botPath;
        this.ingest = ingest;
        this.em = em;
    }

    @Transactional
    public void inbound(List<InboundMessageEvent> events) {
        applyEach(botPath.inbound(events), InboundMessageEvent::conversationId, ingest::onInbound);
    }

    @Transactional
    public void routed(List<RoutedMessageEvent> events) {
        applyEach(botPath.routed(events), RoutedMessageEvent::conversationId, ingest::onRouted);
    }

    @Transactional
    public void outbound(List<OutboundMessageEvent> events) {
        applyEach(botPath.outbound(events), OutboundMessageEvent::conversationId, ingest::onOutbound);
    }

    /** Delivery statuses concern no ticket ({@link BotPathIngest#deliveryStatuses}). */
    public void deliveryStatuses(List<DeliveryStatusEvent> events) {
        botPath.deliveryStatuses(events);
    }

    private <E> void applyEach(List<E> ticketEvents, Function<E, String> conversationOf, Consumer<E> apply) {
        for (E event : inConversationOrder(ticketEvents, conversationOf)) {
            apply.accept(event);
            // each event reads what it needs under its own locks: writing its changes out and forgetting its
            // entities keeps the persistence context, and so every later flush's dirty check, one event small
            em.flush();
            em.clear();
        }
    }

    /** The events grouped by conversation in ascending id order, each conversation's events in their order. */
    static <E> List<E> inConversationOrder(List<E> events, Function<E, String> conversationOf) {
        List<E> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(conversationOf)); // List.sort is stable: a conversation keeps its order
        return ordered;
    }
}
