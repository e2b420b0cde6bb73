package org.supportflow.analytics.labels;

import org.supportflow.contracts.events.NluFeedbackEvent;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * How an operator's label becomes training data for the NLU: the same {@link NluFeedbackEvent} an agent's intent
 * correction is, on {@code nlu.feedback}, so the NLU's feedback store (its training side; never the held-out
 * examples of the domain bundle) takes labels and corrections alike.
 */
public final class LabelFeedback {

    private LabelFeedback() {
    }

    /**
     * The event id of a label: derived from the message and the intent, so the same label published twice (a
     * redelivery, a relay that crashed after Kafka's acknowledgement, the same label given again) is one
     * example for the NLU, which stores an event id once. A different intent for the same message is a new
     * example.
     */
    public static String feedbackId(String messageEventId, String intent) {
        return UUID.nameUUIDFromBytes(("analytics-label\u0000" + messageEventId + "\u0000" + intent)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The event to publish for a pending label; empty when the message's text is gone (erased since it was
     * labelled): an erased message teaches nothing and its words must not reach the NLU.
     */
    public static Optional<NluFeedbackEvent> event(PendingLabel label) {
        if (label.maskedText() == null || label.maskedText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new NluFeedbackEvent(label.feedbackId(), NluFeedbackEvent.SCHEMA_VERSION,
                label.labeledAt(), label.conversationId(), label.channelId(), label.messageId(), null,
                label.language(), label.maskedText(), label.predictedIntent(), label.intent(), label.labeledBy()));
    }
}
