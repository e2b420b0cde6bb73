package org.supportflow.routing.flow;

import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.conversation.ConversationStore.Opening;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueEntry;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.web.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows the tickets of ticket-service:
 * <ul>
 *   <li>a ticket SOLVED or CLOSED gives the conversation back to the bot, frees the agent's slot and takes
 *       it out of the queue; waiting conversations are then dispatched;</li>
 *   <li>a ticket still active (NEW, OPEN, PENDING) keeps the bot silent, also for a ticket an agent opened;</li>
 *   <li>ASSIGNED to another agent (a person reassigned it in ticket-service) moves the load from the old
 *       agent to the new one; ASSIGNED to nobody frees the slot and queues the conversation again;</li>
 *   <li>PRIORITY_CHANGED sets the priority the conversation waits with.</li>
 * </ul>
 * Events of an earlier ticket of the conversation (e.g. a ticket auto-closed after a new handoff) do not
 * end the current episode: the conversation remembers which ticket its human episode belongs to.
 * <p>
 * A consumer's poll is applied in one transaction ({@link #handleAll}): its conversations are locked together
 * in one statement ({@link LockedConversations}; created only for an event of an active ticket, as the event
 * of a finished ticket starts no routing state), the events applied in poll order to the states held there by
 * {@code apply}, the one place of the rules above, and the states that changed written back in one statement.
 * Most events (a customer message on a ticket a human already has) change nothing and cost no write. The
 * rare side effects (an agent's slot, the queue) are written as each event is applied. A conversation created
 * for an active event of the poll is there for its earlier events too: an earlier finished-ticket event finds
 * it owned by the bot with nothing to release, and the active event then hands it over as it would have.
 */
public final class TicketEventHandler {

    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final AssignmentStore assignments;
    private final QueueStore queue;
    private final QueueDispatcher dispatcher;
    private final SkillRequirements skills;
    private final Clock clock;

    public TicketEventHandler(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments,
                              QueueStore queue, QueueDispatcher dispatcher, SkillRequirements skills, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.conversations = Objects.requireNonNull(conversations);
        this.assignments = Objects.requireNonNull(assignments);
        this.queue = Objects.requireNonNull(queue);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.skills = Objects.requireNonNull(skills);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Applies events in their order (a poll of one partition keeps each conversation's order) in one
     * transaction; once it is committed, waiting conversations are dispatched if an agent's slot was freed.
     * Returns the assignments that made.
     */
    public Effects handleAll(List<TicketEvent> events) {
        events.forEach(event -> Objects.requireNonNull(event, "event"));
        if (events.isEmpty()) {
            return Effects.none();
        }
        boolean capacityFreed = jdbc.inTransaction(c -> applyAll(c, events));
        return capacityFreed ? Effects.ofAssignments(dispatcher.drain()) : Effects.none();
    }

    /** Applies the events under their conversations' locks; true when an agent's slot was freed. */
    private boolean applyAll(Connection c, List<TicketEvent> events) throws SQLException {
        Instant now = clock.instant();
        LockedConversations locked = LockedConversations.lock(c, conversations, events.stream()
                .map(event -> new Opening(event.conversationId(), event.channelId(), null, isActive(event)))
                .toList(), now);
        boolean freed = false;
        for (TicketEvent event : events) {
            Optional<ConversationState> state = locked.find(event.conversationId());
            if (state.isEmpty()) {
                // not an active ticket's event, and routing never had the conversation: nothing to follow
                continue;
            }
            Applied applied = apply(c, state.get(), event, now);
            locked.changed(applied.state());
            freed |= applied.capacityFreed();
        }
        locked.write(c, conversations, now);
        return freed;
    }

    private static boolean isActive(TicketEvent event) {
        return event.status() != null && event.status().isActive();
    }

    /** What an event made of its conversation: the new state, and whether an agent's slot was freed. */
    private record Applied(ConversationState state, boolean capacityFreed) {
    }

    /**
     * Applies the event to the conversation's state (its row locked by this transaction); writes the side
     * effects on the agents and the queue, and returns the new state for the caller to write.
     */
    private Applied apply(Connection c, ConversationState state, TicketEvent event, Instant now)
            throws SQLException {
        boolean active = isActive(event);
        boolean finished = event.status() != null && !event.status().isActive();
        boolean freed = false;
        if (finished) {
            if (state.ticketId() != null && !state.ticketId().equals(event.ticketId())) {
                // A late event of an earlier ticket (e.g. auto-closed days later): the current episode stays.
                return new Applied(state, false);
            }
            freed = assignments.release(c, event.conversationId()).isPresent();
            queue.remove(c, event.conversationId());
            state = state.backToBot().withTicket(event.ticketId());
        } else if (active) {
            if (!state.withHuman()) {
                state = state.handedOff(event.handoffReason(),
                        event.priority() == null ? Priority.NORMAL : event.priority());
            }
            state = state.withTicket(event.ticketId());
        }
        if (state.withHuman()) {
            if (event.type() == TicketEvent.Type.PRIORITY_CHANGED && event.priority() != null) {
                state = state.withPriority(event.priority());
                queue.setPriority(c, event.conversationId(), event.priority());
            }
            if (event.type() == TicketEvent.Type.ASSIGNED) {
                freed |= applyAssignment(c, event, state, now);
            }
        }
        return new Applied(state, freed);
    }

    private boolean applyAssignment(Connection c, TicketEvent event, ConversationState state, Instant now)
            throws SQLException {
        String assignee = event.assigneeId();
        if (assignee != null && !assignee.isBlank()) {
            Optional<String> previous = assignments.agentOf(c, event.conversationId());
            boolean moved = assignments.reassign(c, event.conversationId(), assignee, now);
            queue.remove(c, event.conversationId());
            return moved && previous.isPresent();
        }
        boolean freed = assignments.release(c, event.conversationId()).isPresent();
        Priority priority = state.priority() == null ? Priority.NORMAL : state.priority();
        queue.enqueue(c, new QueueEntry(event.conversationId(), event.channelId() == null ? "" : event.channelId(),
                event.messageId(), priority, skills.requiredFor(state.language(), event.intent()), now));
        return freed;
    }
}
