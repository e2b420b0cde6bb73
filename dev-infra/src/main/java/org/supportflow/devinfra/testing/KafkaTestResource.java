package org.supportflow.devinfra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.supportflow.devinfra.kafka.KafkaBroker;
import org.supportflow.devinfra.kafka.KafkaTopics;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a Quarkus test a real Kafka broker with every platform topic created, and points
 * {@code kafka.bootstrap.servers} at it. One broker per test JVM (shared by every Quarkus application
 * the module's tests start), stopped when the JVM exits.
 *
 * <p>{@code SUPPORTFLOW_TEST_KAFKA} set to a bootstrap address uses that broker instead.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Enough partitions to exercise keyed ordering, few enough to keep group rebalances fast. */
    public static final int TEST_PARTITIONS = 3;

    private static String bootstrapServers;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives a single Quarkus application; the JVM shutdown hook stops it.
    }

    /** The shared broker of this JVM, started on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = TestInfra.setting("SUPPORTFLOW_TEST_KAFKA", "");
            bootstrapServers = external.isEmpty() ? startBroker() : external;
            KafkaTopics.createAll(bootstrapServers, TEST_PARTITIONS, (short) 1);
        }
        return bootstrapServers;
    }

    private static String startBroker() {
        if (TestInfra.mode() == TestInfra.Mode.CONTAINERS) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            return container.getBootstrapServers();
        }
        Path workDir = TestInfra.workDir("kafka");
        KafkaBroker broker = KafkaBroker.start(workDir, TestInfra.freePort(), TestInfra.freePort(),
                workDir.resolve("broker.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        return broker.bootstrapServers();
    }
}
