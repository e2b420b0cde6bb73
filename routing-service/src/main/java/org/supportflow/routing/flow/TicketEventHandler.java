package org.supportflow.routing.flow;

import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueEntry;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.web.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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

    public Effects handle(TicketEvent event) {
        Objects.requireNonNull(event, "event");
        boolean capacityFreed = jdbc.inTransaction(c -> apply(c, event));
        return capacityFreed ? Effects.ofAssignments(dispatcher.drain()) : Effects.none();
    }

    /** Applies the event; true when an agent's slot was freed (so the queue may move). */
    private boolean apply(Connection c, TicketEvent event) throws SQLException {
        Instant now = clock.instant();
        boolean active = event.status() != null && event.status().isActive();
        boolean finished = event.status() != null && !event.status().isActive();
        Optional<ConversationState> found = active
                ? Optional.of(conversations.lockOrCreate(c, event.conversationId(), event.channelId(), null, now))
                : conversations.lock(c, event.conversationId());
        if (found.isEmpty()) {
            return false;
        }
        ConversationState state = found.get();
        boolean freed = false;
        if (finished) {
            if (state.ticketId() != null && !state.ticketId().equals(event.ticketId())) {
                // A late event of an earlier ticket (e.g. auto-closed days later): the current episode stays.
                return false;
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
        conversations.save(c, state, now);
        return freed;
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
