package org.supportflow.gateway.waiting;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks the partitions of the wake-up consumer. The replica is ready only once it has them: before that, a
 * reply published for one of its waiting requests would be missed (the group starts at the latest offset).
 */
@ApplicationScoped
@Identifier("reply-wakeups-rebalance")
@Readiness
public class WakeupAssignment implements KafkaConsumerRebalanceListener, HealthCheck {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    public boolean isAssigned() {
        return !assigned.isEmpty();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reply-wakeups").status(isAssigned())
                .withData("partitions", assigned.size()).build();
    }
}
