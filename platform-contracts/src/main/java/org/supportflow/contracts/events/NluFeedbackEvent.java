package org.supportflow.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent's correction of the NLU ({@code nlu.feedback}): training data for the next model.
 * Carries the masked text only.
 */
public record NluFeedbackEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        String ticketId,
        String language,
        String maskedText,
        String predictedIntent,
        String correctedIntent,
        String agentId) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public NluFeedbackEvent {
        Objects.requireNonNull(maskedText, "maskedText");
        Objects.requireNonNull(correctedIntent, "correctedIntent");
    }
}
