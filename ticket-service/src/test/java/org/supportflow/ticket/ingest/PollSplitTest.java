package org.supportflow.ticket.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events of a poll go to the bot-only history and which to the ticket machinery. */
class PollSplitTest {

    /** An event of a conversation; {@code handoff} marks one that opens a ticket. */
    record Event(String conversationId, String name, boolean handoff) {
    }

    private static PollSplit<Event> split(List<Event> events, Set<String> withTicket) {
        return PollSplit.of(events, Event::conversationId, Event::handoff, withTicket);
    }

    @Test
    void conversationsWithoutTicketGoToTheHistory() {
        List<Event> events = List.of(new Event("c1", "a", false), new Event("c2", "b", false));
        PollSplit<Event> split = split(events, Set.of());
        assertThat(split.botOnly()).containsExactlyElementsOf(events);
        assertThat(split.fullPath()).isEmpty();
    }

    @Test
    void aConversationWithATicketTakesTheFullPath() {
        Event bot = new Event("c1", "a", false);
        Event withTicket = new Event("c2", "b", false);
        PollSplit<Event> split = split(List.of(bot, withTicket), Set.of("c2"));
        assertThat(split.botOnly()).containsExactly(bot);
        assertThat(split.fullPath()).containsExactly(withTicket);
    }

    @Test
    void afterAHandoffTheConversationsLaterEventsFollowItButEarlierOnesAndOthersDoNot() {
        Event before = new Event("c1", "before", false);
        Event handoff = new Event("c1", "handoff", true);
        Event other = new Event("c2", "other", false);
        Event after = new Event("c1", "after", false);
        PollSplit<Event> split = split(List.of(before, handoff, other, after), Set.of());
        // the bot-only part is applied first: "before" still precedes the handoff of its conversation
        assertThat(split.botOnly()).containsExactly(before, other);
        assertThat(split.fullPath()).containsExactly(handoff, after);
    }

    @Test
    void anEmptyPollSplitsIntoNothing() {
        PollSplit<Event> split = split(List.of(), Set.of("c1"));
        assertThat(split.botOnly()).isEmpty();
        assertThat(split.fullPath()).isEmpty();
    }
}
