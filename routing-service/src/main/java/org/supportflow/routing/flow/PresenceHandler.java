package org.supportflow.routing.flow;

import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Clock;
import java.util.Objects;

/**
 * Applies an agent's presence (status, capacity, skills); an older event than the one applied is ignored.
 * Then the queue is dispatched, since the agent may have come online or gained capacity. An agent going
 * AWAY or OFFLINE keeps the conversations they have (ticket-service reassigns them if needed) but gets
 * no new ones.
 */
public final class PresenceHandler {

    private final Jdbc jdbc;
    private final AssignmentStore assignments;
    private final QueueDispatcher dispatcher;
    private final Clock clock;

    public PresenceHandler(Jdbc jdbc, AssignmentStore assignments, QueueDispatcher dispatcher, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.assignments = Objects.requireNonNull(assignments);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.clock = Objects.requireNonNull(clock);
    }

    public Effects handle(AgentPresenceEvent event) {
        Objects.requireNonNull(event, "event");
        boolean changed = jdbc.inTransaction(c -> assignments.applyPresence(c, event, clock.instant()));
        return changed ? Effects.ofAssignments(dispatcher.drain()) : Effects.none();
    }
}
