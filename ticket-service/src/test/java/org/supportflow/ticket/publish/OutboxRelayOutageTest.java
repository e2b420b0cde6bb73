package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.kafka.KafkaBroker;
import org.supportflow.devinfra.kafka.KafkaTopics;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.TestInfra;
import org.supportflow.ticket.common.TicketConfig;
import org.supportflow.ticket.support.TestEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker going down at publish time. Per conversation (the Kafka key) events must reach the topic in the
 * order they were recorded: every copy of an event before the first copy of any later event of its conversation
 * (consumers drop a repeated copy by its eventId, or re-apply the same state; a stale earlier event after a later
 * one would be applied last).
 *
 * <p>Two forms. With a real broker of its own (the relay's two outgoing channels point at it; everything else of
 * the application stays on the shared test broker), stopped for longer than the producer's delivery timeout while
 * events are recorded turn after turn, and started again on the same port and data; the relay is the
 * application's own, publishing through its real Kafka emitters. And with a recorded producer that does what a
 * real one can do after a batch expired: fail an earlier event and acknowledge a later one of the same key. The
 * application's sweep is kept quiet (no turn but the test's), and the events are recorded without a wake-up.
 */
@QuarkusTest
@TestProfile(OutboxRelayOutageTest.OwnBroker.class)
class OutboxRelayOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The relay's outgoing channels on a broker this test may stop; short producer timeouts for a quick verdict. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String bootstrap = OutageBroker.bootstrapServers();
            // No scheduled sweep at all: an "every" job also runs once at start, and that turn, slow on a loaded
            // machine, could hold the relay's lock (or take the events) while a test runs its own relay.
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "quarkus.scheduler.enabled", "false",
                    "ticket.publish.relay-interval", "1h",
                    "ticket.publish.ack-timeout", "PT6S"));
            for (String channel : List.of(Channels.TICKET_EVENTS, Channels.OUTBOUND)) {
                String prefix = "mp.messaging.outgoing." + channel + ".";
                config.put(prefix + "bootstrap.servers", bootstrap);
                // a send the broker never acknowledges gets its verdict (2 s + 3 s) within the relay's wait (6 s):
                // batches expire during the outage, as they do in production during a longer one
                config.put(prefix + "request.timeout.ms", "1500");
                config.put(prefix + "delivery.timeout.ms", "3000");
                config.put(prefix + "max.block.ms", "2000");
                config.put(prefix + "linger.ms", "0");
                config.put(prefix + "reconnect.backoff.max.ms", "500");
            }
            return config;
        }
    }

    /**
     * The broker of this test: one per JVM, on ports fixed once chosen, so that it restarts where it was. The test
     * profile (which starts it) and the test itself run in different class loaders, so what both need is kept in
     * system properties, and the broker is stopped by its pid.
     */
    static final class OutageBroker {
        private static final String PREFIX = "supportflow.test.outage-kafka.";

        static synchronized String bootstrapServers() {
            if (System.getProperty(PREFIX + "port") == null) {
                Path dir;
                try {
                    Path base = Files.createDirectories(Path.of("target", "test-infra").toAbsolutePath());
                    dir = Files.createTempDirectory(base, "kafka-outage-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(PREFIX + "dir", dir.toString());
                System.setProperty(PREFIX + "port", String.valueOf(TestInfra.freePort()));
                System.setProperty(PREFIX + "controller-port", String.valueOf(TestInfra.freePort()));
                KafkaTopics.createAll(start(), 1, (short) 1);
                Runtime.getRuntime().addShutdownHook(new Thread(OutageBroker::stop, "kafka-outage-stop"));
            }
            return "127.0.0.1:" + System.getProperty(PREFIX + "port");
        }

        /** Starts the broker on its port and data; returns its bootstrap address. */
        static synchronized String start() {
            Path dir = Path.of(System.getProperty(PREFIX + "dir"));
            KafkaBroker broker = KafkaBroker.start(dir, Integer.parseInt(System.getProperty(PREFIX + "port")),
                    Integer.parseInt(System.getProperty(PREFIX + "controller-port")), dir.resolve("broker.log"));
            System.setProperty(PREFIX + "pid", String.valueOf(broker.pid()));
            return broker.bootstrapServers();
        }

        /** Stops the broker (SIGTERM: a controlled shutdown; SIGKILL after 60 s) and waits until it is gone. */
        static synchronized void stop() {
            String pid = System.getProperty(PREFIX + "pid");
            ProcessHandle.of(pid == null ? -1 : Long.parseLong(pid)).ifPresent(broker -> {
                broker.destroy();
                try {
                    broker.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    broker.destroyForcibly();
                    broker.onExit().join();
                }
            });
        }
    }

    @Inject
    EventOutbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    TicketConfig config;

    @AfterAll
    static void brokerStopped() {
        OutageBroker.stop();
    }

    @Test
    void eventsRecordedWhileTheBrokerIsDownReachTheTopicInOrderWhenItIsBack() {
        String conversationId = TestEvents.newId("conv");
        String otherConversation = TestEvents.newId("conv");
        TicketEvent before = event(conversationId, TicketStatus.NEW);
        record(before);
        awaitRelayed(conversationId); // the broker is up: the first event goes out
        assertThat(pendingIds(conversationId)).isEmpty();

        OutageBroker.stop();
        // Events recorded turn after turn while Kafka is away: each turn's sends expire (delivery timeout) before
        // the next, so the producer sees several expired batches of the same partition, as in a longer outage.
        List<TicketEvent> during = new ArrayList<>();
        for (TicketStatus status : List.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.OPEN,
                TicketStatus.SOLVED)) {
            TicketEvent event = event(conversationId, status);
            during.add(event);
            record(event);
            record(event(otherConversation, status));
            assertThat(relay.relayBatch()).isZero();
            assertThat(pendingIds(conversationId)).containsExactlyElementsOf(ids(during));
        }

        OutageBroker.start();
        awaitRelayed(conversationId);
        awaitRelayed(otherConversation);

        List<String> published;
        try (KafkaTestClient kafka = new KafkaTestClient(OutageBroker.bootstrapServers())) {
            published = kafka.collectUntil(Topics.TICKET_EVENTS, TicketEvent.class,
                            e -> conversationId.equals(e.conversationId()),
                            e -> e.eventId().equals(during.getLast().eventId()), WAIT).stream()
                    .map(received -> received.value().eventId()).toList();
        }
        List<String> expected = new ArrayList<>(List.of(before.eventId()));
        expected.addAll(ids(during));
        assertInRecordOrder(published, expected);
    }

    @Test
    void anEventIsNeverSentBeforeTheEarlierOnesOfItsConversationWereAcknowledged() {
        String conversationId = TestEvents.newId("conv");
        String otherConversation = TestEvents.newId("conv");
        List<TicketEvent> events = List.of(event(conversationId, TicketStatus.NEW),
                event(conversationId, TicketStatus.OPEN), event(conversationId, TicketStatus.SOLVED));
        TicketEvent other = event(otherConversation, TicketStatus.NEW);
        QuarkusTransaction.requiringNew().run(() -> {
            events.forEach(event -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now()));
            outbox.record(Topics.TICKET_EVENTS, other, Instant.now());
        });
        List<String> ids = ids(events);
        // What a producer does after a batch expired: the second event fails, a later one would still be written.
        RecordingProducer<TicketEvent> producer = new RecordingProducer<>(Set.of(ids.get(1)));
        OutboxRelay ownRelay = new OutboxRelay(outbox, producer, new RecordingProducer<OutboundMessageEvent>(Set.of()),
                config);

        ownRelay.relayBatch();
        // The third was never handed to Kafka (so it cannot land before the second); another conversation goes on.
        assertThat(producer.written()).filteredOn(ids::contains).containsExactly(ids.get(0));
        assertThat(producer.written()).contains(other.eventId());
        assertThat(pendingIds(conversationId)).containsExactly(ids.get(1), ids.get(2));
        assertThat(pendingIds(otherConversation)).isEmpty();

        producer.recover();
        ownRelay.relayBatch();
        assertThat(pendingIds(conversationId)).isEmpty();
        assertInRecordOrder(producer.written().stream().filter(ids::contains).toList(), ids);
    }

    /**
     * The events of one conversation as the topic holds them: each expected event present, and every copy of an
     * event before the first copy of any later one (a copy sent again after a lost acknowledgement sits next to
     * the first).
     */
    private static void assertInRecordOrder(List<String> published, List<String> expected) {
        assertThat(published.stream().distinct().toList()).containsExactlyElementsOf(expected);
        for (int i = 0; i < published.size(); i++) {
            int rank = expected.indexOf(published.get(i));
            for (int j = 0; j < i; j++) {
                assertThat(expected.indexOf(published.get(j)))
                        .as("%s at %d after a later event of its conversation (topic: %s)", published.get(i), i,
                                published)
                        .isLessThanOrEqualTo(rank);
            }
        }
    }

    private void record(TicketEvent event) {
        QuarkusTransaction.requiringNew().run(() -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now()));
    }

    /** Relay turns (as the sweep would run them) until the outbox holds nothing of this conversation. */
    private void awaitRelayed(String conversationId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!pendingIds(conversationId).isEmpty()) {
            assertThat(Instant.now()).as("the outbox is relayed within %s of the broker's restart", WAIT)
                    .isBefore(deadline);
            relay.relayBatch();
        }
    }

    private List<String> pendingIds(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.oldest(1000)).stream()
                .filter(pending -> conversationId.equals(pending.key()))
                .map(pending -> pending.event().eventId()).toList();
    }

    private static List<String> ids(List<TicketEvent> events) {
        return events.stream().map(TicketEvent::eventId).toList();
    }

    private static TicketEvent event(String conversationId, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, "ticket-" + conversationId, TicketEvent.Type.STATUS_CHANGED, status,
                Priority.NORMAL, null, null, null, null, Map.of("test", "outage"));
    }

    /**
     * A producer that fails the given events until it recovers, acknowledges every other one, and records what it
     * wrote, in the order it was handed the events.
     */
    private static final class RecordingProducer<T extends PlatformEvent> implements Emitter<Record<String, T>> {

        private final Set<String> failing;
        private volatile boolean recovered;
        private final List<String> written = new CopyOnWriteArrayList<>();

        RecordingProducer(Set<String> failing) {
            this.failing = failing;
        }

        void recover() {
            recovered = true;
        }

        List<String> written() {
            return new ArrayList<>(written);
        }

        @Override
        public CompletionStage<Void> send(Record<String, T> record) {
            String eventId = record.value().eventId();
            if (!recovered && failing.contains(eventId)) {
                return CompletableFuture.failedFuture(new IllegalStateException("batch expired"));
            }
            written.add(eventId);
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
