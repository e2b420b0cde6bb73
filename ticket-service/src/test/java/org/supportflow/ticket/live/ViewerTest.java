package org.supportflow.ticket.live;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which live changes reach whom: the API's visibility rule, applied to ticket events. */
class ViewerTest {

    private static TicketChange change(String assignee) {
        return TicketChange.of(new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION,
                Instant.parse("2026-01-05T01:00:00Z"), "conv-1", "demo-web", "m-1", "T-1",
                TicketEvent.Type.ASSIGNED, TicketStatus.OPEN, Priority.HIGH, assignee, null, "complaint", null,
                Map.of()));
    }

    @Test
    void agentsSeeTheQueueAndTheirOwnTicketsOnly() {
        Viewer agent1 = new Viewer("agent1", false);
        assertThat(agent1.maySee(change(null))).isTrue();
        assertThat(agent1.maySee(change("agent1"))).isTrue();
        assertThat(agent1.maySee(change("agent2"))).isFalse();
    }

    @Test
    void supervisorsSeeEveryTicket() {
        Viewer supervisor = new Viewer("supervisor1", true);
        assertThat(supervisor.maySee(change("agent2"))).isTrue();
        assertThat(supervisor.maySee(change(null))).isTrue();
    }

    @Test
    void aChangeCarriesTheEventsFactsAndNoFreeText() {
        TicketChange change = change("agent1");
        assertThat(change.ticketId()).isEqualTo("T-1");
        assertThat(change.type()).isEqualTo(TicketEvent.Type.ASSIGNED);
        assertThat(change.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(change.priority()).isEqualTo(Priority.HIGH);
        assertThat(change.assignee()).isEqualTo("agent1");
        assertThat(change.occurredAt()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
    }
}
