package org.supportflow.routing.priority;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.routing.decision.Sentiment;

import java.util.Locale;
import java.util.Objects;

/**
 * Priority of a message from its intent, sentiment, urgency and the customer's tier: the intent's base
 * priority, raised to floors for negative, angry (strongly negative), urgent, and angry-and-urgent
 * messages, then raised by the tier boost (VIP), capped at URGENT. With the defaults an angry or
 * urgent message is at least HIGH, and both at once is URGENT.
 */
public final class PriorityRules {

    private static final Priority[] LEVELS = Priority.values();

    private final PriorityPolicy base;
    private volatile PriorityPolicy policy;

    public PriorityRules(PriorityPolicy policy) {
        this.base = Objects.requireNonNull(policy, "policy");
        this.policy = policy;
    }

    /** Each intent's base priority from the active domain. */
    public void useDomain(org.supportflow.routing.domain.DomainPolicy domain) {
        this.policy = base.withIntentPriorities(domain.priorities());
    }

    public Priority priorityOf(NluResult nlu, String customerTier) {
        PriorityPolicy policy = this.policy;
        Priority priority = nlu.intent() == null ? policy.defaultPriority()
                : policy.intentPriorities().getOrDefault(nlu.intent(), policy.defaultPriority());
        boolean angry = Sentiment.isStronglyNegative(nlu, policy.strongNegativeThreshold());
        boolean urgent = nlu.urgency() == Urgency.HIGH;
        if (Sentiment.isNegative(nlu)) {
            priority = Priority.max(priority, policy.negativeFloor());
        }
        if (angry) {
            priority = Priority.max(priority, policy.angryFloor());
        }
        if (urgent) {
            priority = Priority.max(priority, policy.urgentFloor());
        }
        if (angry && urgent) {
            priority = Priority.max(priority, policy.angryAndUrgentFloor());
        }
        if (customerTier != null && policy.boostedTiers().contains(customerTier.toUpperCase(Locale.ROOT))) {
            priority = raise(priority, policy.tierBoost());
        }
        return priority;
    }

    static Priority raise(Priority priority, int levels) {
        return LEVELS[Math.min(LEVELS.length - 1, priority.ordinal() + levels)];
    }
}
