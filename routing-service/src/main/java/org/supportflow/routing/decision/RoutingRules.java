package org.supportflow.routing.decision;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Urgency;

import java.util.Objects;

/**
 * Bot or human for a message in a conversation the bot still owns. The first rule that matches gives
 * the handoff reason, from the most explicit to the weakest signal:
 * <ol>
 *   <li>{@code REQUESTED}: the customer asks for a person (a confident {@code human_agent}).</li>
 *   <li>{@code INTENT_POLICY}: a confident intent the support team always handles
 *       (the active domain's {@code person} intents), or a disputable intent (its
 *       {@code personWhenNegative} intents) said negatively.</li>
 *   <li>{@code NEGATIVE_SENTIMENT}: strongly negative, whatever the intent.</li>
 *   <li>{@code URGENT}: urgency HIGH, whatever the intent.</li>
 *   <li>{@code LOW_CONFIDENCE}: the NLU is unsure (confidence or top-2 margin below the threshold) and one
 *       of its two best guesses is a sensitive intent, so the bot must not guess.</li>
 *   <li>{@code VIP}: a VIP customer, negative, or with an intent the VIP policy reserves for humans.</li>
 *   <li>{@code REPEATED_FALLBACK}: the bot would fall back (the NLU's confident refusal
 *       {@code out_of_scope}, an unsure reading, or no knowledge-base answer) and the conversation's
 *       previous bot replies were fallbacks too, up to the threshold (default: the second in a row).</li>
 * </ol>
 * Otherwise the bot answers, or falls back. A refusal ({@code out_of_scope}) is not low confidence: the
 * NLU is sure the message is outside the taxonomy, so the bot's fallback answers it.
 * {@code AFTER_HOURS} is never the result here: business hours do not change who should handle a message,
 * only when (see {@code RoutingService}).
 */
public final class RoutingRules {

    /** Scores are doubles: a margin of 0.5 - 0.4 must count as 0.1. */
    private static final double EPSILON = 1e-9;

    /** The configuration's thresholds and reserved intents; the domain's intent lists are added to it. */
    private final DecisionPolicy base;
    private volatile DecisionPolicy policy;

    public RoutingRules(DecisionPolicy policy) {
        this.base = Objects.requireNonNull(policy, "policy");
        this.policy = policy;
    }

    /** The active domain's intents take the place of the intent lists of the base policy. */
    public void useDomain(org.supportflow.routing.domain.DomainPolicy domain) {
        this.policy = base.withDomain(domain);
    }

    public DecisionPolicy policy() {
        return policy;
    }

    /**
     * @param nlu            the NLU's reading of the message
     * @param customerTier   the customer's tier, or null
     * @param fallbackStreak how many bot replies in a row in this conversation were fallbacks
     */
    public Verdict decide(NluResult nlu, String customerTier, int fallbackStreak) {
        Objects.requireNonNull(nlu, "nlu");
        DecisionPolicy policy = this.policy;
        String intent = nlu.intent() == null ? "" : nlu.intent();
        boolean refusal = intent.isEmpty() || policy.refusalIntents().contains(intent);
        boolean confident = !refusal && isConfident(nlu, policy);
        boolean negative = Sentiment.isNegative(nlu);

        if (confident && policy.requestedIntents().contains(intent)) {
            return Verdict.handoff(HandoffReason.REQUESTED);
        }
        if (confident && (policy.humanIntents().contains(intent)
                || (negative && policy.disputableIntents().contains(intent)))) {
            return Verdict.handoff(HandoffReason.INTENT_POLICY);
        }
        if (Sentiment.isStronglyNegative(nlu, policy.strongNegativeThreshold())) {
            return Verdict.handoff(HandoffReason.NEGATIVE_SENTIMENT);
        }
        if (policy.urgentToHuman() && nlu.urgency() == Urgency.HIGH) {
            return Verdict.handoff(HandoffReason.URGENT);
        }
        if (!refusal && !confident && hasSensitiveCandidate(nlu, intent, policy)) {
            return Verdict.handoff(HandoffReason.LOW_CONFIDENCE);
        }
        if (policy.isVip(customerTier) && ((policy.vipNegativeToHuman() && negative)
                || (confident && policy.vipHumanIntents().contains(intent)))) {
            return Verdict.handoff(HandoffReason.VIP);
        }
        boolean fallback = refusal || !confident || nlu.answer() == null || isBlank(nlu.answer().text());
        if (!fallback) {
            return Verdict.answer();
        }
        if (Math.max(0, fallbackStreak) + 1 >= policy.repeatedFallbackThreshold()) {
            return Verdict.handoff(HandoffReason.REPEATED_FALLBACK);
        }
        return Verdict.fallback();
    }

    /** Confident enough in the intent to act on it: confidence and top-2 margin at or above the thresholds. */
    public boolean isConfident(NluResult nlu) {
        return isConfident(nlu, policy);
    }

    private static boolean isConfident(NluResult nlu, DecisionPolicy policy) {
        return nlu.confidence() + EPSILON >= policy.minConfidence() && nlu.margin() + EPSILON >= policy.minMargin();
    }

    private static boolean hasSensitiveCandidate(NluResult nlu, String intent, DecisionPolicy policy) {
        if (policy.sensitiveIntents().contains(intent)) {
            return true;
        }
        return nlu.ranking().stream().limit(2)
                .anyMatch(score -> score.intent() != null && policy.sensitiveIntents().contains(score.intent()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
