package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.kafka.KafkaBroker;
import org.supportflow.devinfra.kafka.KafkaTopics;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.TestInfra;
import org.supportflow.ticket.support.TestEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker going down at publish time: the relay keeps every event Kafka did not acknowledge in the
 * outbox, in order, and sends them, in order, once the broker is back. A real broker of its own (the relay's two
 * outgoing channels point at it; everything else of the application stays on the shared test broker) is
 * stopped and started again on the same port and data; the relay is the application's own, publishing through
 * its real Kafka emitters. The application's sweep is kept quiet (no turn but the test's), and the events are
 * recorded without a wake-up.
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
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "ticket.publish.relay-interval", "1h",
                    "ticket.publish.ack-timeout", "PT6S"));
            for (String channel : List.of(Channels.TICKET_EVENTS, Channels.OUTBOUND)) {
                String prefix = "mp.messaging.outgoing." + channel + ".";
                config.put(prefix + "bootstrap.servers", bootstrap);
                // a send the broker never acknowledges fails within the relay's wait, and is not retried behind
                // the relay's back once the broker is back (the relay resends it itself, in order)
                config.put(prefix + "request.timeout.ms", "1500");
                config.put(prefix + "delivery.timeout.ms", "4000");
                config.put(prefix + "max.block.ms", "4000");
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

    @AfterAll
    static void brokerStopped() {
        OutageBroker.stop();
    }

    @Test
    void eventsRecordedWhileTheBrokerIsDownStayInOrderAndGoOutInOrderWhenItIsBack() {
        String conversationId = TestEvents.newId("conv");
        TicketEvent before = event(conversationId, TicketStatus.NEW);
        QuarkusTransaction.requiringNew().run(() -> outbox.record(Topics.TICKET_EVENTS, before, Instant.now()));
        awaitRelayed(conversationId); // the broker is up: the first event goes out
        assertThat(pendingIds(conversationId)).isEmpty();

        OutageBroker.stop();
        List<TicketEvent> during = List.of(event(conversationId, TicketStatus.OPEN),
                event(conversationId, TicketStatus.PENDING), event(conversationId, TicketStatus.SOLVED));
        QuarkusTransaction.requiringNew().run(() -> during.forEach(
                event -> outbox.record(Topics.TICKET_EVENTS, event, Instant.now())));
        List<String> duringIds = during.stream().map(TicketEvent::eventId).toList();

        // Kafka does not answer: nothing is acknowledged, every row stays, in order, turn after turn.
        assertThat(relay.relayBatch()).isZero();
        assertThat(pendingIds(conversationId)).containsExactlyElementsOf(duringIds);
        assertThat(relay.relayBatch()).isZero();
        assertThat(pendingIds(conversationId)).containsExactlyElementsOf(duringIds);

        OutageBroker.start();
        awaitRelayed(conversationId);

        List<String> published;
        try (KafkaTestClient kafka = new KafkaTestClient(OutageBroker.bootstrapServers())) {
            published = kafka.collectUntil(Topics.TICKET_EVENTS, TicketEvent.class,
                            e -> conversationId.equals(e.conversationId()),
                            e -> e.eventId().equals(duringIds.getLast()), WAIT).stream()
                    .map(received -> received.value().eventId()).toList();
        }
        // On the topic in record order: the event from before the outage, then the three kept through it.
        assertThat(published.stream().distinct().toList()).containsExactly(before.eventId(), duringIds.get(0),
                duringIds.get(1), duringIds.get(2));
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

    private static TicketEvent event(String conversationId, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, "ticket-" + conversationId, TicketEvent.Type.STATUS_CHANGED, status,
                Priority.NORMAL, null, null, null, null, Map.of("test", "outage"));
    }
}
