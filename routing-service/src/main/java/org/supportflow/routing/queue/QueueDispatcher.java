package org.supportflow.routing.queue;

import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.web.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives waiting conversations to agents as capacity frees up, in service order (priority, then waiting
 * time). Safe to run on every replica at once: each conversation is assigned in its own short transaction
 * under its conversation row's lock (a row another replica holds is skipped, that replica is on it),
 * and the agent's slot is taken atomically by {@link AssignmentStore#tryAssign}. Does nothing while
 * closed: after hours, handoffs wait in the queue until the next opening.
 *
 * <p>Within a process drains run one at a time (a freed slot, a presence change and the periodic sweep each
 * start one): a drain walks the list of waiting conversations it read when it began, and a second drain
 * running beside it could free or take slots under it, so that a slot went to a conversation behind one that
 * had waited longer or more urgently and was passed over a moment before. One at a time, each drain starts
 * from the slots and the queue the previous one left. A slot can still free up during a drain (a ticket solved, an
 * agent back online): before a conversation takes a slot, the drain checks that none waiting ahead of it could take
 * that slot now ({@link QueueStore#servableAhead}), and if one could, it walks the queue again from the top.
 */
public final class QueueDispatcher {

    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final QueueStore queue;
    private final AssignmentStore assignments;
    private final AgentHours hours;
    private final Clock clock;
    private final int batchSize;
    private final ReentrantLock draining = new ReentrantLock();
    /** Walks of the queue per drain when slots free up under it; what is left waits for the next drain. */
    private static final int MAX_PASSES = 3;

    public QueueDispatcher(Jdbc jdbc, ConversationStore conversations, QueueStore queue, AssignmentStore assignments,
                           AgentHours hours, Clock clock, int batchSize) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.assignments = Objects.requireNonNull(assignments, "assignments");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /** Assigns what can be assigned now; returns the assignments to announce. */
    public List<AgentAssignmentEvent> drain() {
        if (!hours.isOpen()) {
            return List.of();
        }
        draining.lock();
        try {
            return drainInServiceOrder();
        } finally {
            draining.unlock();
        }
    }

    private List<AgentAssignmentEvent> drainInServiceOrder() {
        List<AgentAssignmentEvent> assigned = new ArrayList<>();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<QueueEntry> waiting = jdbc.inTransaction(c -> assignments.anyFreeSlot(c)
                    ? queue.waiting(c, batchSize) : List.<QueueEntry>of());
            boolean walkAgain = false;
            for (QueueEntry entry : waiting) {
                Attempt attempt = jdbc.inTransaction(c -> assignWaiting(c, entry.conversationId()));
                if (attempt.yielded()) {
                    walkAgain = true;
                    break;
                }
                if (attempt.assignment().isPresent()) {
                    assigned.add(attempt.assignment().get());
                    if (!jdbc.inTransaction(assignments::anyFreeSlot)) {
                        return assigned;
                    }
                }
            }
            if (!walkAgain) {
                break;
            }
        }
        return assigned;
    }

    /**
     * One conversation's turn: assigned, passed over, or yielded to one waiting ahead of it that a slot freed since
     * could serve (the drain then walks the queue again).
     */
    private record Attempt(Optional<AgentAssignmentEvent> assignment, boolean yielded) {
        static final Attempt PASSED = new Attempt(Optional.empty(), false);
        static final Attempt YIELDED = new Attempt(Optional.empty(), true);
    }

    private Attempt assignWaiting(Connection c, String conversationId) throws SQLException {
        Optional<ConversationState> conversation = conversations.lockIfFree(c, conversationId);
        if (conversation.isEmpty()) {
            return Attempt.PASSED;
        }
        Optional<QueueEntry> entry = queue.find(c, conversationId);
        if (entry.isEmpty()) {
            return Attempt.PASSED;
        }
        if (!conversation.get().withHuman()) {
            queue.remove(c, conversationId);
            return Attempt.PASSED;
        }
        if (queue.servableAhead(c, conversationId)) {
            return Attempt.YIELDED;
        }
        Instant now = clock.instant();
        QueueEntry waiting = entry.get();
        Optional<String> agent = assignments.tryAssign(c, conversationId, waiting.requiredSkills(), now);
        if (agent.isEmpty()) {
            return Attempt.PASSED;
        }
        queue.remove(c, conversationId);
        Duration waited = Duration.between(waiting.enqueuedAt(), now);
        return new Attempt(Optional.of(AgentAssignmentEvent.of(conversationId, waiting.channelId(),
                waiting.messageId(), agent.get(), waiting.priority(), waited.isNegative() ? Duration.ZERO : waited)),
                false);
    }
}
