package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * routing-service gave a conversation to an agent ({@code agent.assignments}): at handoff time, or later
 * when the conversation waited in the queue until an eligible agent had capacity. ticket-service sets the
 * assignee of the conversation's active ticket from it. Not one of the contract's topics: the contract
 * leaves internal topics to the project (see docs/DECISIONS.md).
 *
 * @param messageId the customer message whose handoff led to the assignment
 * @param waited    how long the conversation waited in the queue, zero when assigned at once
 */
public record AgentAssignmentEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        String agentId,
        Priority priority,
        Duration waited) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public AgentAssignmentEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
    }

    /**
     * The assignment made when a customer message was handed off: derived ids, so the decision published
     * again for a redelivered message is the same event.
     */
    public static AgentAssignmentEvent atHandoff(String conversationId, String channelId, String messageId,
                                                 String agentId, Priority priority) {
        Objects.requireNonNull(messageId, "messageId");
        return new AgentAssignmentEvent(PlatformEvent.derivedId("handoff-assignment", conversationId, messageId,
                agentId), SCHEMA_VERSION, Instant.now(), conversationId, channelId, messageId, agentId, priority,
                Duration.ZERO);
    }

    /** An assignment made later (from the queue, or announced again): fresh ids. */
    public static AgentAssignmentEvent of(String conversationId, String channelId, String messageId, String agentId,
                                          Priority priority, Duration waited) {
        return new AgentAssignmentEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), conversationId,
                channelId, messageId, agentId, priority, waited);
    }
}
