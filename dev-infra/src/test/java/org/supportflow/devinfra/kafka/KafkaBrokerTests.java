package org.supportflow.devinfra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.TestInfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTests {

    @Test
    void startsARealKraftBrokerCreatesEveryTopicAndRestartsOnItsData(@TempDir Path dir) throws Exception {
        int port = TestInfra.freePort();
        int controllerPort = TestInfra.freePort();
        Path log = dir.resolve("broker.log");
        AgentPresenceEvent presence = AgentPresenceEvent.of("agent1", AgentStatus.ONLINE, 3, List.of("ko"));

        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), port, controllerPort, log)) {
            List<String> created = KafkaTopics.createAll(broker.bootstrapServers(), 2, (short) 1);
            assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
            assertThat(KafkaTopics.createAll(broker.bootstrapServers(), 2, (short) 1)).isEmpty();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                var description = admin.describeTopics(List.of(Topics.CONVERSATION_INBOUND)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(Topics.CONVERSATION_INBOUND);
                assertThat(description.partitions()).hasSize(2);
            }
            try (KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
                client.send(Topics.AGENT_PRESENCE, presence);
            }
        }

        // Same data directory: the record written before the restart is still there.
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), port, controllerPort, log);
             KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            var received = client.await(Topics.AGENT_PRESENCE, AgentPresenceEvent.class,
                    event -> event.eventId().equals(presence.eventId()), Duration.ofSeconds(30));
            assertThat(received.key()).isEqualTo("agent1");
            assertThat(received.value()).isEqualTo(presence);
        }
    }
}
