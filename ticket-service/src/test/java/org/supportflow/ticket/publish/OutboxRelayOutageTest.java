package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.common.TicketConfig;
import org.supportflow.ticket.support.TestEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka refusing or not acknowledging at publish time: the relay keeps every event it could not publish, and
 * every later one, in the outbox and in order, until Kafka acknowledges them. The relay here publishes
 * through a broker connection that fails on demand; the application's own relay is kept quiet by the
 * profile (no sweep during the test, and these rows are recorded without a wake-up).
 */
@QuarkusTest
@TestProfile(OutboxRelayOutageTest.QuietRelay.class)
class OutboxRelayOutageTest {

    public static class QuietRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticket.publish.relay-interval", "1h");
        }
    }

    @Inject
    EventOutbox outbox;

    @Inject
    TicketConfig config;

    @Test
    void eventsKafkaDidNotAcknowledgeStayInOrderUntilItDoes() {
        String conversationId = TestEvents.newId("conv");
        List<TicketEvent> events = List.of(event(conversationId, TicketStatus.NEW),
                event(conversationId, TicketStatus.OPEN), event(conversationId, TicketStatus.SOLVED));
        QuarkusTransaction.requiringNew().run(() -> events.forEach(
                event -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now())));
        FlakyBroker<TicketEvent> broker = new FlakyBroker<>(Set.of(events.get(1).eventId()));
        OutboxRelay relay = new OutboxRelay(outbox, broker, new FlakyBroker<OutboundMessageEvent>(Set.of()), config);
        List<String> ids = events.stream().map(TicketEvent::eventId).toList();

        // Kafka takes the first event, then does not acknowledge the second: the second and everything after it
        // stay, in order (the third may have reached Kafka; it is sent again after the second, never before).
        relay.relayBatch();
        assertThat(pendingIds(conversationId)).containsExactly(ids.get(1), ids.get(2));
        assertThat(broker.acknowledged()).filteredOn(ids::contains).startsWith(ids.get(0))
                .doesNotContain(ids.get(1));

        // Kafka is back: the rest goes out in order and leaves the outbox.
        int before = broker.acknowledged().size();
        broker.recover();
        relay.relayBatch();
        assertThat(pendingIds(conversationId)).isEmpty();
        assertThat(broker.acknowledged().subList(before, broker.acknowledged().size())).filteredOn(ids::contains)
                .containsExactly(ids.get(1), ids.get(2));
    }

    private List<String> pendingIds(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.oldest(1000)).stream()
                .filter(pending -> conversationId.equals(pending.key()))
                .map(pending -> pending.event().eventId()).toList();
    }

    private static TicketEvent event(String conversationId, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, "ticket-" + conversationId, TicketEvent.Type.STATUS_CHANGED, status,
                Priority.NORMAL, null, null, null, null, Map.of("test", "outage"));
    }

    /** A broker connection that refuses the given events until it recovers, and records what it acknowledged. */
    private static final class FlakyBroker<T extends PlatformEvent> implements Emitter<Record<String, T>> {

        private final Set<String> refused;
        private volatile boolean recovered;
        private final List<String> acknowledged = new CopyOnWriteArrayList<>();

        FlakyBroker(Set<String> refused) {
            this.refused = refused;
        }

        void recover() {
            recovered = true;
        }

        List<String> acknowledged() {
            return new ArrayList<>(acknowledged);
        }

        @Override
        public CompletionStage<Void> send(Record<String, T> record) {
            String eventId = record.value().eventId();
            if (!recovered && refused.contains(eventId)) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker not available"));
            }
            acknowledged.add(eventId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends Record<String, T>>> void send(M message) {
            throw new UnsupportedOperationException("the relay sends records");
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
