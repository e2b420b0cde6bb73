package org.supportflow.routing.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.routing.flow.Effects;

import jakarta.annotation.PreDestroy;
import org.jboss.logging.Logger;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.web.jdbc.Jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes the effects of routing work, keyed by conversation id. The returned stage completes when the
 * broker has acknowledged every record, so a consumer acknowledges its input only after its output is
 * safely written (at-least-once). An assignment acknowledged by the broker is marked announced in the
 * database; one that never was is announced again by {@link Housekeeping}.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Emitter<Record<String, RoutedMessageEvent>> routed;
    private final Emitter<Record<String, OutboundMessageEvent>> outbound;
    private final Emitter<Record<String, AgentAssignmentEvent>> assignments;
    private final Jdbc jdbc;
    private final AssignmentStore store;
    /** Marks announcements off the Kafka callback threads, which must not block on the database. */
    private final ExecutorService marker = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    public EventPublisher(
            @Channel(Channels.ROUTED) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<Record<String, RoutedMessageEvent>> routed,
            @Channel(Channels.OUTBOUND) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<Record<String, OutboundMessageEvent>> outbound,
            @Channel(Channels.ASSIGNMENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            Emitter<Record<String, AgentAssignmentEvent>> assignments,
            Jdbc jdbc, AssignmentStore store) {
        this.routed = routed;
        this.outbound = outbound;
        this.assignments = assignments;
        this.jdbc = jdbc;
        this.store = store;
    }

    @PreDestroy
    void close() {
        marker.shutdown();
    }

    public CompletionStage<Void> publish(Effects effects) {
        if (effects.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        effects.routed().forEach(e -> sends.add(routed.send(Record.of(e.key(), e)).toCompletableFuture()));
        effects.outbound().forEach(e -> sends.add(outbound.send(Record.of(e.key(), e)).toCompletableFuture()));
        effects.assignments().forEach(e -> sends.add(assignments.send(Record.of(e.key(), e)).toCompletableFuture()
                .thenRunAsync(() -> markAnnounced(e), marker)));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private void markAnnounced(AgentAssignmentEvent event) {
        try {
            jdbc.inTransaction(c -> {
                store.markAnnounced(c, event.conversationId(), event.agentId());
                return null;
            });
        } catch (RuntimeException e) {
            // The event is on Kafka; the sweep may announce it once more, which ticket-service tolerates.
            LOG.warn("could not mark an assignment as announced", e);
        }
    }
}
