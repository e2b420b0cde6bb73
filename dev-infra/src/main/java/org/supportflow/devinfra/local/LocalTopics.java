package org.supportflow.devinfra.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.supportflow.contracts.events.Topics;
import org.supportflow.devinfra.kafka.KafkaTopics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates every topic of the platform ({@link Topics#allTopicNames()}) with the given partition count, and
 * grows existing topics that have fewer partitions (Kafka cannot shrink a topic; those are reported).
 *
 * <pre>
 * LocalTopics --bootstrap 127.0.0.1:9092 --partitions 6 [--replication-factor 1]
 * </pre>
 */
public final class LocalTopics {

    private LocalTopics() {
    }

    public static void main(String[] args) {
        Launcher.exit("topics", () -> run(LaunchArgs.parse(List.of(args))));
    }

    private static int run(LaunchArgs args) throws InterruptedException, ExecutionException, TimeoutException {
        String bootstrap = args.string("bootstrap");
        int partitions = args.positiveInt("partitions", 6);
        int replicationFactor = args.positiveInt("replication-factor", 1);
        if (replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("--replication-factor is too large: " + replicationFactor);
        }

        List<String> created = KafkaTopics.createAll(bootstrap, partitions, (short) replicationFactor);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.allTopicNames())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> toGrow = topics.values().stream()
                    .filter(topic -> topic.partitions().size() < partitions)
                    .collect(Collectors.toMap(TopicDescription::name, topic -> NewPartitions.increaseTo(partitions)));
            if (!toGrow.isEmpty()) {
                admin.createPartitions(toGrow).all().get(60, TimeUnit.SECONDS);
            }
            List<String> larger = topics.values().stream()
                    .filter(topic -> topic.partitions().size() > partitions)
                    .map(topic -> topic.name() + " (" + topic.partitions().size() + ")")
                    .sorted()
                    .toList();
            System.out.printf("topics: %d topics with %d partitions (%d created, %d grown)%n",
                    topics.size(), partitions, created.size(), toGrow.size());
            if (!larger.isEmpty()) {
                System.out.println("topics: kept with more partitions than asked (Kafka cannot shrink a topic): "
                        + String.join(", ", larger));
            }
        }
        return Launcher.OK;
    }
}
