package org.supportflow.routing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.flow.Effects;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Periodic work, safe on every replica: the queue sweep (assigns waiting conversations when capacity was
 * freed by something routing did not see, e.g. at the opening of business hours) and forgetting old
 * routed-message ids. The sweep also announces again assignments committed but never confirmed on Kafka,
 * and refreshes the {@code routing.queue.size} gauge (conversations waiting).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** How long an assignment may stay unconfirmed before the sweep announces it again. */
    private static final Duration ANNOUNCE_GRACE = Duration.ofSeconds(30);

    private final QueueDispatcher dispatcher;
    private final EventPublisher publisher;
    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final MaintenanceConfig maintenance;
    private final Clock clock;
    private final QueueStore queue;
    private final AssignmentStore assignments;
    private final AtomicInteger waiting;

    public Housekeeping(QueueDispatcher dispatcher, EventPublisher publisher, Jdbc jdbc,
                        ConversationStore conversations, MaintenanceConfig maintenance, Clock clock, QueueStore queue,
                        AssignmentStore assignments, MeterRegistry metrics) {
        this.dispatcher = dispatcher;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.maintenance = maintenance;
        this.clock = clock;
        this.queue = queue;
        this.assignments = assignments;
        this.waiting = metrics.gauge("routing.queue.size", new AtomicInteger());
    }

    @Scheduled(every = "${routing.queue.sweep-interval:5s}", delayed = "${routing.queue.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepQueue() {
        try {
            var assigned = dispatcher.drain();
            if (!assigned.isEmpty()) {
                publisher.publish(Effects.ofAssignments(assigned)).toCompletableFuture().join();
                LOG.infof("queue sweep assigned %d waiting conversation(s)", assigned.size());
            }
            waiting.set(jdbc.inTransaction(queue::size));
            announceForgottenAssignments();
        } catch (RuntimeException e) {
            LOG.warn("queue sweep failed; the next sweep retries", e);
        }
    }

    /** Assignments committed but never confirmed on Kafka (e.g. the broker failed right after the commit). */
    private void announceForgottenAssignments() {
        Instant before = clock.instant().minus(ANNOUNCE_GRACE);
        List<AgentAssignmentEvent> events = jdbc.inTransaction(c -> assignments.unannounced(c, before, 100)).stream()
                .map(a -> AgentAssignmentEvent.of(a.conversationId(), a.channelId(), null, a.agentId(), a.priority(),
                        Duration.ZERO))
                .toList();
        if (!events.isEmpty()) {
            publisher.publish(Effects.ofAssignments(events)).toCompletableFuture().join();
            LOG.infof("announced %d assignment(s) again", events.size());
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeRoutedMessages() {
        try {
            int purged = jdbc.inTransaction(c -> conversations.purgeRoutedBefore(c,
                    clock.instant().minus(maintenance.routedMessageRetention())));
            if (purged > 0) {
                LOG.infof("forgot %d routed-message id(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging routed-message ids failed; the next run retries", e);
        }
    }
}
