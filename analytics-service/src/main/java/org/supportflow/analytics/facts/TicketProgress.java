package org.supportflow.analytics.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the facts known so far tell of one ticket: when it was created (its earliest {@code CREATED}) and when it
 * first reached each milestone; null or absent where they tell nothing.
 */
public record TicketProgress(Instant createdAt, Map<TicketMilestone, Instant> firstReached) {

    /** A ticket no fact tells anything of. */
    public static final TicketProgress NONE = new TicketProgress(null, Map.of());

    public TicketProgress {
        firstReached = Map.copyOf(firstReached);
    }

    /**
     * The time from the ticket's creation to this event of the milestone if the event is the ticket's first of
     * it: null when another event reached the milestone no later (a tie goes to the one known first), or when the
     * creation is unknown or later.
     */
    public Duration measure(TicketFact fact, TicketMilestone milestone) {
        Instant reached = firstReached.get(milestone);
        if (reached != null && !reached.isAfter(fact.occurredAt())) {
            return null;
        }
        if (createdAt == null || createdAt.isAfter(fact.occurredAt())) {
            return null;
        }
        return Duration.between(createdAt, fact.occurredAt());
    }

    /** The progress once the fact is known too (a fact of this ticket). */
    public TicketProgress with(TicketFact fact) {
        Instant created = "CREATED".equals(fact.type()) ? earliest(createdAt, fact.occurredAt()) : createdAt;
        TicketMilestone milestone = TicketMilestone.of(fact);
        if (milestone == null) {
            return new TicketProgress(created, firstReached);
        }
        Map<TicketMilestone, Instant> reached = new EnumMap<>(TicketMilestone.class);
        reached.putAll(firstReached);
        reached.merge(milestone, fact.occurredAt(), TicketProgress::earliest);
        return new TicketProgress(created, reached);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
