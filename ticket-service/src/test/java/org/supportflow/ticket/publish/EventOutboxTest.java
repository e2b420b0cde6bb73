package org.supportflow.ticket.publish;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.TicketCommands;
import org.supportflow.ticket.transcript.Message;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Ticket events and agents' replies go out through the outbox: only committed ones, even after a crash, in
 * their order, one relay at a time.
 */
@QuarkusTest
class EventOutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    EventPublisher publisher;

    @Inject
    EventOutbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ConversationIngest ingest;

    @Inject
    TicketCommands commands;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCommittedEventIsPublishedAndLeavesTheOutbox() {
        TicketEvent event = event(TestEvents.newId("conv"), TicketStatus.NEW);

        QuarkusTransaction.requiringNew().run(() -> publisher.ticketEventAfterCommit(event));

        TicketEvent published = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                e -> e.eventId().equals(event.eventId()), WAIT).value();
        assertThat(published).isEqualTo(event);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(outbox::size) == 0);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String conversationId = TestEvents.newId("conv");
        TicketEvent event = event(conversationId, TicketStatus.NEW);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            publisher.ticketEventAfterCommit(event);
            throw new IllegalStateException("the change fails after recording its event");
        })).hasStackTraceContaining("the change fails");
        TicketEvent marker = event(conversationId, TicketStatus.OPEN);
        QuarkusTransaction.requiringNew().run(() -> publisher.ticketEventAfterCommit(marker));

        // The same key and one relay in record order: once the later marker is out, the first would have been.
        List<String> published = kafka.collectUntil(Topics.TICKET_EVENTS, TicketEvent.class,
                        e -> e.conversationId().equals(conversationId), e -> e.eventId().equals(marker.eventId()), WAIT)
                .stream().map(received -> received.value().eventId()).toList();
        assertThat(published).containsExactly(marker.eventId());
    }

    @Test
    void anAgentReplyWhoseCommitFailsIsNeverDeliveredNorInTheTranscript() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        CurrentUser supervisor = new CurrentUser(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("supervisor1")).addRole(CurrentUser.SUPERVISOR).build());

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            commands.reply(handoff.ticketId(), "환불은 오늘 처리됩니다.", supervisor);
            throw new IllegalStateException("the commit fails after the reply was recorded");
        })).hasStackTraceContaining("the commit fails");
        String delivered = QuarkusTransaction.requiringNew()
                .call(() -> commands.reply(handoff.ticketId(), "확인 후 다시 연락드리겠습니다.", supervisor)).messageId();

        List<OutboundMessageEvent> replies = kafka.collectUntil(Topics.CONVERSATION_OUTBOUND,
                        OutboundMessageEvent.class, e -> e.conversationId().equals(handoff.conversationId()),
                        e -> e.messageId().equals(delivered), WAIT).stream()
                .map(KafkaTestClient.Received::value).toList();
        assertThat(replies).extracting(OutboundMessageEvent::messageId).containsExactly(delivered);
        assertThat(replies).extracting(OutboundMessageEvent::text).containsExactly("확인 후 다시 연락드리겠습니다.");
        long agentEntries = QuarkusTransaction.requiringNew().call(() -> Message.count(
                "conversationId = ?1 and author = ?2", handoff.conversationId(), Author.AGENT));
        assertThat(agentEntries).isEqualTo(1);
    }

    @Test
    void whileAnotherReplicaRelaysNothingIsSentTwiceAndTheRowsWaitForTheirTurn() throws Exception {
        TicketEvent event = event(TestEvents.newId("conv"), TicketStatus.PENDING);
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (Statement statement = otherReplica.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + EventOutbox.RELAY_LOCK + ")");
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now()));

            assertThat(relay.relayBatch()).isZero();
            assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.oldest(1000)))
                    .extracting(pending -> pending.event().eventId()).contains(event.eventId());
            otherReplica.rollback(); // the other replica's turn ends
        }
        assertThat(kafka.await(Topics.TICKET_EVENTS, TicketEvent.class, e -> e.eventId().equals(event.eventId()),
                WAIT).value()).isEqualTo(event);
    }

    @Test
    void anEventLeftInTheOutboxByACrashIsPublishedByTheSweep() {
        // Recorded and committed, but the process "died" before waking the relay: no wake-up at all here.
        TicketEvent event = event(TestEvents.newId("conv"), TicketStatus.OPEN);
        QuarkusTransaction.requiringNew().run(() -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now()));

        assertThat(kafka.await(Topics.TICKET_EVENTS, TicketEvent.class, e -> e.eventId().equals(event.eventId()),
                WAIT).value()).isEqualTo(event);
    }

    @Test
    void theEventsOfATicketArePublishedInTheOrderTheyWereRecorded() {
        String conversationId = TestEvents.newId("conv");
        List<TicketEvent> events = new ArrayList<>();
        List<TicketStatus> statuses = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING,
                TicketStatus.OPEN, TicketStatus.SOLVED, TicketStatus.CLOSED);
        // Over several transactions, some of them with more than one event, as the ticket's life records them.
        for (int start = 0; start < statuses.size(); start += 2) {
            List<TicketEvent> batch = statuses.subList(start, start + 2).stream()
                    .map(status -> event(conversationId, status)).toList();
            events.addAll(batch);
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(publisher::ticketEventAfterCommit));
        }
        Set<String> ids = events.stream().map(TicketEvent::eventId).collect(Collectors.toSet());

        List<String> published = kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        e -> ids.contains(e.eventId()), events.size(), WAIT).stream()
                .map(received -> received.value().eventId()).toList();

        assertThat(published).containsExactlyElementsOf(events.stream().map(TicketEvent::eventId).toList());
    }

    private static TicketEvent event(String conversationId, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, "ticket-" + conversationId, TicketEvent.Type.STATUS_CHANGED, status,
                Priority.NORMAL, null, null, null, null, Map.of("test", "outbox"));
    }
}
