package org.supportflow.routing.decision;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The thresholds and intent lists the bot-or-human rules apply; built from {@link DecisionConfig}.
 *
 * @param minConfidence             below this intent confidence the NLU is unsure
 * @param minMargin                 below this top-2 margin the NLU is unsure
 * @param requestedIntents          intents meaning "let me talk to a person"
 * @param humanIntents              intents that always go to a human (intent policy)
 * @param disputableIntents         intents that go to a human when the customer is negative (a dispute)
 * @param refusalIntents            the NLU's confident refusal: answered by the bot's fallback
 * @param sensitiveIntents          when the NLU is unsure and one of its two best guesses is one of these,
 *                                  a human looks at it (low confidence) instead of the bot guessing
 * @param strongNegativeThreshold   sentiment strength from which a negative message goes to a human
 * @param urgentToHuman             whether a HIGH urgency message goes to a human
 * @param repeatedFallbackThreshold the fallback that hands off: 2 = the second fallback in a row
 * @param vipTiers                  customer tiers treated as VIP
 * @param vipNegativeToHuman        whether any negative VIP message goes to a human
 * @param vipHumanIntents           intents that always go to a human for VIP customers
 */
public record DecisionPolicy(
        double minConfidence,
        double minMargin,
        Set<String> requestedIntents,
        Set<String> humanIntents,
        Set<String> disputableIntents,
        Set<String> refusalIntents,
        Set<String> sensitiveIntents,
        double strongNegativeThreshold,
        boolean urgentToHuman,
        int repeatedFallbackThreshold,
        Set<String> vipTiers,
        boolean vipNegativeToHuman,
        Set<String> vipHumanIntents) {

    public DecisionPolicy {
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("minConfidence must be within 0..1");
        }
        if (minMargin < 0 || minMargin > 1) {
            throw new IllegalArgumentException("minMargin must be within 0..1");
        }
        if (repeatedFallbackThreshold < 1) {
            throw new IllegalArgumentException("repeatedFallbackThreshold must be at least 1");
        }
        requestedIntents = Set.copyOf(requestedIntents);
        humanIntents = Set.copyOf(humanIntents);
        disputableIntents = Set.copyOf(disputableIntents);
        refusalIntents = Set.copyOf(refusalIntents);
        sensitiveIntents = Set.copyOf(sensitiveIntents);
        vipTiers = vipTiers.stream().map(t -> t.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        vipHumanIntents = Set.copyOf(vipHumanIntents);
    }

    /**
     * The configuration: thresholds and the reserved intents only (asking for a person, the refusal); every
     * other intent list comes from the active domain ({@link #withDomain}).
     */
    public static DecisionPolicy from(DecisionConfig config) {
        return new DecisionPolicy(config.minConfidence(), config.minMargin(), config.requestedIntents(),
                Set.of(), Set.of(), config.refusalIntents(), config.requestedIntents(),
                config.strongNegativeThreshold(), config.urgentToHuman(), config.repeatedFallbackThreshold(),
                config.vip().tiers(), config.vip().negativeToHuman(), Set.of());
    }

    /** This policy with the domain's intent lists (the reserved ones of this policy kept). */
    public DecisionPolicy withDomain(org.supportflow.routing.domain.DomainPolicy domain) {
        Set<String> sensitive = new java.util.HashSet<>(domain.sensitiveIntents());
        sensitive.addAll(requestedIntents);
        return new DecisionPolicy(minConfidence, minMargin, requestedIntents, domain.humanIntents(),
                domain.disputableIntents(), refusalIntents, sensitive, strongNegativeThreshold, urgentToHuman,
                repeatedFallbackThreshold, vipTiers, vipNegativeToHuman, domain.vipHumanIntents());
    }

    public boolean isVip(String tier) {
        return tier != null && vipTiers.contains(tier.toUpperCase(Locale.ROOT));
    }
}
