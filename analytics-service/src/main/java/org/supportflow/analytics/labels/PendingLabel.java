package org.supportflow.analytics.labels;

import java.time.Instant;

/**
 * A label waiting in {@code label_feedback_outbox} to be published on {@code nlu.feedback}, with what analytics
 * knows of its message ({@code maskedText} is null once the customer's data was erased).
 */
public record PendingLabel(
        String feedbackId,
        String messageEventId,
        String intent,
        String labeledBy,
        Instant labeledAt,
        String conversationId,
        String channelId,
        String messageId,
        String language,
        String predictedIntent,
        String maskedText) {
}
