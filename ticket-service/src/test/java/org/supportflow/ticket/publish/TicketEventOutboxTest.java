package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.support.TestEvents;

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

/** Ticket events go out through the outbox: only committed ones, even after a crash, in their order. */
@QuarkusTest
class TicketEventOutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    EventPublisher publisher;

    @Inject
    TicketEventOutbox outbox;

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
        TicketEvent event = event(TestEvents.newId("conv"), TicketStatus.NEW);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            publisher.ticketEventAfterCommit(event);
            throw new IllegalStateException("the change fails after recording its event");
        })).hasStackTraceContaining("the change fails");

        assertThat(kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class, e -> e.eventId().equals(event.eventId()),
                1, Duration.ofSeconds(4))).isEmpty();
    }

    @Test
    void anEventLeftInTheOutboxByACrashIsPublishedByTheSweep() {
        // Recorded and committed, but the process "died" before waking the relay: no wake-up at all here.
        TicketEvent event = event(TestEvents.newId("conv"), TicketStatus.OPEN);
        QuarkusTransaction.requiringNew().run(() -> outbox.record(event, Instant.now()));

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
