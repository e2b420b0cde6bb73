package org.supportflow.ticket.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order a poll's ticket events are applied in: by conversation, each conversation's own order kept. */
class PollIngestOrderTest {

    record Event(String conversationId, int seq) {
    }

    @Test
    void eventsAreGroupedByConversationInAscendingIdsAndKeepTheirOrderWithinOne() {
        List<Event> poll = List.of(new Event("c2", 1), new Event("c1", 2), new Event("c2", 3), new Event("c3", 4),
                new Event("c1", 5), new Event("c2", 6));
        assertThat(PollIngest.inConversationOrder(poll, Event::conversationId)).containsExactly(
                new Event("c1", 2), new Event("c1", 5), new Event("c2", 1), new Event("c2", 3), new Event("c2", 6),
                new Event("c3", 4));
        assertThat(poll).as("the poll itself is left as it came").first().isEqualTo(new Event("c2", 1));
    }
}
