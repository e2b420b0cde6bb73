package org.supportflow.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads topics of the platform's broker without joining a consumer group (nothing committed, no service's
 * offsets touched): where each partition ends now, and every record written since such a mark.
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    TopicReader() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalPlatform.KAFKA_BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", // what was written, aborted or not
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    /** Where each partition of {@code topics} ends now. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }

    /** Every record written after {@code marks} (from {@link #endOffsets}) up to the partitions' ends now. */
    List<ConsumerRecord<String, String>> readSince(Map<TopicPartition, Long> marks) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(marks.keySet(), Duration.ofSeconds(30));
        consumer.assign(marks.keySet());
        marks.forEach(consumer::seek);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (marks.keySet().stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read up to " + ends + " within 60 s");
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
