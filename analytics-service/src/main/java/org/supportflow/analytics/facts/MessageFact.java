package org.supportflow.analytics.facts;

import java.time.Instant;

/**
 * One routed customer message as analytics keeps it: the routing decision and the NLU's verdict, the
 * masked text only, a pseudonymous customer key instead of the customer id, and what a domain action did with
 * the message ({@code action}, null when none was involved).
 */
public record MessageFact(
        String eventId,
        String conversationId,
        String messageId,
        String channelId,
        String channelType,
        String customerKey,
        Instant receivedAt,
        Instant routedAt,
        String language,
        String intent,
        Double confidence,
        String sentiment,
        String route,
        String handoffReason,
        String priority,
        boolean afterHours,
        String maskedText,
        ActionFact action) {

    /** The intent that marks the NLU's refusal (CONTRACT.md §6). */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    /**
     * Whether the bot did not understand the message: no intent, {@code out_of_scope}, or a confidence
     * below the threshold (the same rule as the summary's {@code unrecognized}).
     */
    public boolean notUnderstood(double confidenceThreshold) {
        return intent == null || OUT_OF_SCOPE.equals(intent)
                || (confidence != null && confidence < confidenceThreshold);
    }
}
