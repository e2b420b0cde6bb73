package org.supportflow.routing.queue;

import org.supportflow.contracts.taxonomy.Priority;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;

/**
 * A conversation waiting for an agent.
 *
 * @param messageId      the customer message whose handoff queued it
 * @param requiredSkills skills an agent needs to take it
 */
public record QueueEntry(String conversationId, String channelId, String messageId, Priority priority,
                         Set<String> requiredSkills, Instant enqueuedAt) {

    /** Service order: the highest priority first, then the longest waiting (the store orders the same way). */
    public static final Comparator<QueueEntry> SERVICE_ORDER = Comparator
            .comparing(QueueEntry::priority, Comparator.reverseOrder())
            .thenComparing(QueueEntry::enqueuedAt)
            .thenComparing(QueueEntry::conversationId);

    public QueueEntry {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        requiredSkills = Set.copyOf(requiredSkills);
    }
}
