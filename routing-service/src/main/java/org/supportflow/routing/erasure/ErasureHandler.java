package org.supportflow.routing.erasure;

import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.web.jdbc.Jdbc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Erases what routing keeps about a customer: the state of their conversations (found by customer id and
 * by the conversation ids of the request), the routed-message ids, queue entries and assignments (the
 * agents' slots are freed, so the queue is dispatched afterwards).
 */
public final class ErasureHandler {

    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final AssignmentStore assignments;
    private final QueueStore queue;
    private final QueueDispatcher dispatcher;

    public ErasureHandler(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments, QueueStore queue,
                          QueueDispatcher dispatcher) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.conversations = Objects.requireNonNull(conversations);
        this.assignments = Objects.requireNonNull(assignments);
        this.queue = Objects.requireNonNull(queue);
        this.dispatcher = Objects.requireNonNull(dispatcher);
    }

    /** Erases the customer's state; returns the assignments made with the freed capacity. */
    public Result handle(CustomerErasureEvent event) {
        Objects.requireNonNull(event, "event");
        int[] freed = {0};
        int erased = jdbc.inTransaction(c -> {
            Set<String> ids = new LinkedHashSet<>(conversations.conversationsOfCustomer(c, event.customerId()));
            ids.addAll(event.conversationIds());
            int count = 0;
            for (String id : ids.stream().sorted().toList()) {
                if (conversations.lock(c, id).isEmpty()) {
                    continue;
                }
                if (assignments.release(c, id).isPresent()) {
                    freed[0]++;
                }
                queue.remove(c, id);
                conversations.delete(c, id);
                count++;
            }
            return count;
        });
        return new Result(erased, freed[0] > 0 ? dispatcher.drain() : List.of());
    }

    /** How many conversations were erased, and the assignments made with the capacity this freed. */
    public record Result(int erasedConversations, List<AgentAssignmentEvent> assignments) {
        public Result {
            assignments = List.copyOf(assignments);
        }
    }
}
