package org.supportflow.routing.priority;

import org.supportflow.contracts.taxonomy.Priority;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Priority rules; see {@link PriorityRules}.
 *
 * @param strongNegativeThreshold the sentiment strength that makes a customer "angry" (shared with the
 *                                bot-or-human rules, so that both agree on who is angry)
 */
public record PriorityPolicy(
        Priority defaultPriority,
        Map<String, Priority> intentPriorities,
        Priority negativeFloor,
        Priority angryFloor,
        Priority urgentFloor,
        Priority angryAndUrgentFloor,
        Set<String> boostedTiers,
        int tierBoost,
        double strongNegativeThreshold) {

    public PriorityPolicy {
        Objects.requireNonNull(defaultPriority, "defaultPriority");
        Objects.requireNonNull(negativeFloor, "negativeFloor");
        Objects.requireNonNull(angryFloor, "angryFloor");
        Objects.requireNonNull(urgentFloor, "urgentFloor");
        Objects.requireNonNull(angryAndUrgentFloor, "angryAndUrgentFloor");
        if (tierBoost < 0) {
            throw new IllegalArgumentException("tierBoost must not be negative");
        }
        intentPriorities = Map.copyOf(intentPriorities);
        boostedTiers = boostedTiers.stream().map(t -> t.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The configuration's floors and boosts; each intent's base priority comes from the active domain. */
    public PriorityPolicy withIntentPriorities(Map<String, Priority> priorities) {
        return new PriorityPolicy(defaultPriority, priorities, negativeFloor, angryFloor, urgentFloor,
                angryAndUrgentFloor, boostedTiers, tierBoost, strongNegativeThreshold);
    }

    public static PriorityPolicy from(PriorityConfig config, double strongNegativeThreshold) {
        return new PriorityPolicy(config.defaultPriority(), Map.of(), config.negativeFloor(),
                config.angryFloor(), config.urgentFloor(), config.angryAndUrgentFloor(), config.boostedTiers(),
                config.tierBoost(), strongNegativeThreshold);
    }
}
