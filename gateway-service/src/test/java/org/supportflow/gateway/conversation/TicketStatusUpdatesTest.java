package org.supportflow.gateway.conversation;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.gateway.conversation.TicketStatusUpdates.MarkActive;
import org.supportflow.gateway.conversation.TicketStatusUpdates.MarkClosed;
import org.supportflow.gateway.conversation.TicketStatusUpdates.MarkSolved;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TicketStatusUpdatesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aPollOfActiveStatusesIsOneUpdateForAllItsConversations() {
        List<TicketEvent> poll = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String conversation = "c" + i;
            conversations.add(conversation);
            poll.add(event(conversation, TicketStatus.NEW, TicketEvent.Type.CREATED));
            poll.add(event(conversation, TicketStatus.OPEN, TicketEvent.Type.CUSTOMER_MESSAGE));
            poll.add(event(conversation, TicketStatus.PENDING, TicketEvent.Type.AGENT_REPLIED));
        }

        assertThat(TicketStatusUpdates.of(poll, NOW)).containsExactly(new MarkActive(conversations));
    }

    @Test
    void aSolveOrCloseFlushesTheActiveRunBeforeIt() {
        List<TicketEvent> poll = List.of(
                event("a", TicketStatus.OPEN, TicketEvent.Type.CUSTOMER_MESSAGE),
                event("b", TicketStatus.PENDING, TicketEvent.Type.AGENT_REPLIED),
                event("c", TicketStatus.SOLVED, TicketEvent.Type.STATUS_CHANGED),
                event("d", TicketStatus.OPEN, TicketEvent.Type.CUSTOMER_MESSAGE),
                event("a", TicketStatus.CLOSED, TicketEvent.Type.STATUS_CHANGED),
                event("e", TicketStatus.NEW, TicketEvent.Type.CREATED),
                event("e", TicketStatus.OPEN, TicketEvent.Type.ASSIGNED));

        assertThat(TicketStatusUpdates.of(poll, NOW)).containsExactly(
                new MarkActive(List.of("a", "b")),
                new MarkSolved("c", T0),
                new MarkActive(List.of("d")),
                new MarkClosed("a", T0),
                new MarkActive(List.of("e")));
    }

    @Test
    void aConversationSolvedThenReopenedIsReopenedLastAndTheOtherWayRound() {
        assertThat(TicketStatusUpdates.of(List.of(
                event("a", TicketStatus.SOLVED, TicketEvent.Type.STATUS_CHANGED),
                event("a", TicketStatus.OPEN, TicketEvent.Type.STATUS_CHANGED)), NOW))
                .containsExactly(new MarkSolved("a", T0), new MarkActive(List.of("a")));
        assertThat(TicketStatusUpdates.of(List.of(
                event("a", TicketStatus.OPEN, TicketEvent.Type.STATUS_CHANGED),
                event("a", TicketStatus.SOLVED, TicketEvent.Type.STATUS_CHANGED)), NOW))
                .containsExactly(new MarkActive(List.of("a")), new MarkSolved("a", T0));
    }

    @Test
    void eventsWithoutAStatusChangeNothingAndDoNotSplitARun() {
        List<TicketEvent> poll = new ArrayList<>();
        poll.add(event("a", TicketStatus.OPEN, TicketEvent.Type.CUSTOMER_MESSAGE));
        poll.add(event("b", null, TicketEvent.Type.CSAT_RECORDED));
        poll.add(null);
        poll.add(event("c", TicketStatus.OPEN, TicketEvent.Type.CUSTOMER_MESSAGE));

        assertThat(TicketStatusUpdates.of(poll, NOW)).containsExactly(new MarkActive(List.of("a", "c")));
        assertThat(TicketStatusUpdates.of(List.of(event("b", null, TicketEvent.Type.CSAT_RECORDED)), NOW)).isEmpty();
        assertThat(TicketStatusUpdates.of(List.of(), NOW)).isEmpty();
    }

    @Test
    void anEventWithoutItsTimeTakesThePollsTime() {
        TicketEvent untimed = new TicketEvent("e1", TicketEvent.SCHEMA_VERSION, null, "a", "demo-web", null,
                "ticket-a", TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED, null, null, null, null, null,
                Map.of());

        assertThat(TicketStatusUpdates.of(List.of(untimed), NOW)).containsExactly(new MarkClosed("a", NOW));
    }

    private static TicketEvent event(String conversationId, TicketStatus status, TicketEvent.Type type) {
        return new TicketEvent("e-" + conversationId, TicketEvent.SCHEMA_VERSION, T0, conversationId, "demo-web", null,
                "ticket-" + conversationId, type, status, null, null, null, null, null, Map.of());
    }
}
