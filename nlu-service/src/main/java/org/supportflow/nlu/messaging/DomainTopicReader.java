package org.supportflow.nlu.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the last record of the compacted {@code nlu.domain} topic at startup, so that a replica starts with
 * the domain the platform serves now (not the one shipped in its jar). Nothing there (a new platform) or
 * Kafka out of reach: empty, and the replica starts with the default bundle.
 */
@ApplicationScoped
public class DomainTopicReader {

    private static final Logger LOG = Logger.getLogger(DomainTopicReader.class);

    private final String bootstrapServers;

    public DomainTopicReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Optional<DomainActivatedEvent> latest(Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.NLU_DOMAIN, timeout);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            List<DomainActivatedEvent> last = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                if (end == 0) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, end - 1);
                long deadline = System.nanoTime() + timeout.toNanos();
                boolean found = false;
                while (!found && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() != null) {
                            try {
                                last.add(EventJson.fromBytes(record.value(), DomainActivatedEvent.class));
                            } catch (RuntimeException e) {
                                LOG.warnf("the last record of %s is not a domain event; ignored", partition);
                            }
                        }
                        found = true;
                    }
                }
            }
            return last.stream().max(Comparator.comparing(DomainActivatedEvent::occurredAt));
        } catch (RuntimeException e) {
            LOG.warnf("cannot read %s at startup (%s); starting with the default domain", Topics.NLU_DOMAIN,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
