package org.supportflow.ticket.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A poll of a conversation topic as one transaction: its bot-only part appended to the history
 * ({@link BotPathIngest}), then its events that concern a ticket applied one after the other
 * ({@link ConversationIngest}), one commit for the whole poll instead of one per ticket event, and the poll's
 * inbox rows ({@link ProcessedEvents#firstTimeAll}) in one statement.
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
    private final ProcessedEvents processed;
    private final EntityManager em;
    private final Clock clock;

    public PollIngest(BotPathIngest botPath, ConversationIngest ingest, ProcessedEvents processed, EntityManager em,
                      Clock clock) {
        this.botPath = botPath;
        this.ingest = ingest;
        this.processed = processed;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public void inbound(List<InboundMessageEvent> events) {
        applyEach(botPath.inbound(events), Topics.CONVERSATION_INBOUND, InboundMessageEvent::eventId,
                InboundMessageEvent::conversationId, ingest::applyInbound);
    }

    @Transactional
    public void routed(List<RoutedMessageEvent> events) {
        applyEach(botPath.routed(events), Topics.CONVERSATION_ROUTED, RoutedMessageEvent::eventId,
                RoutedMessageEvent::conversationId, ingest::applyRouted);
    }

    @Transactional
    public void outbound(List<OutboundMessageEvent> events) {
        applyEach(botPath.outbound(events), Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent::eventId,
                OutboundMessageEvent::conversationId, ingest::applyOutbound);
    }

    /** Delivery statuses concern no ticket ({@link BotPathIngest#deliveryStatuses}). */
    public void deliveryStatuses(List<DeliveryStatusEvent> events) {
        botPath.deliveryStatuses(events);
    }

    private <E> void applyEach(List<E> ticketEvents, String topic, Function<E, String> idOf,
                               Function<E, String> conversationOf, BiConsumer<E, Instant> apply) {
        Instant now = clock.instant();
        // the inbox rows of the whole poll in one statement; an event seen before, or twice in this poll, is
        // applied no more (an event without an id cannot be recognised, and is applied, as firstTime does)
        Set<String> fresh = processed.firstTimeAll(ticketEvents.stream().map(idOf)
                .filter(id -> id != null && !id.isBlank()).collect(Collectors.toSet()), topic, now);
        for (E event : inConversationOrder(ticketEvents, conversationOf)) {
            String eventId = idOf.apply(event);
            if (eventId != null && !eventId.isBlank() && !fresh.remove(eventId)) {
                continue;
            }
            apply.accept(event, now);
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
