package org.supportflow.ticket.tickets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class SolvedTicketCloserTest {

    @Inject
    ConversationIngest ingest;

    @Inject
    SolvedTicketCloser closer;

    @Test
    void solvedTicketsCloseAfterTheQuietPeriodOnly() {
        Scenario.Handoff old = Scenario.handoff(ingest, Priority.NORMAL);
        Scenario.Handoff recent = Scenario.handoff(ingest, Priority.NORMAL);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket oldTicket = Ticket.findById(old.ticketId());
            oldTicket.status = TicketStatus.SOLVED;
            oldTicket.solvedAt = now.minus(Duration.ofDays(4));
            Ticket recentTicket = Ticket.findById(recent.ticketId());
            recentTicket.status = TicketStatus.SOLVED;
            recentTicket.solvedAt = now.minus(Duration.ofHours(1));
        });

        closer.closeSolvedBefore(now.minus(Duration.ofDays(3)), now);

        assertThat(Scenario.ticket(old.ticketId()).status).isEqualTo(TicketStatus.CLOSED);
        assertThat(Scenario.ticket(old.ticketId()).closedAt).isNotNull();
        assertThat(Scenario.ticket(recent.ticketId()).status).isEqualTo(TicketStatus.SOLVED);
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            TicketEvent closed = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                    event -> event.ticketId().equals(old.ticketId()) && event.type() == TicketEvent.Type.STATUS_CHANGED,
                    Duration.ofSeconds(30)).value();
            assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        }
    }
}
