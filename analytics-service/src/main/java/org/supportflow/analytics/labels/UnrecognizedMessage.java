package org.supportflow.analytics.labels;

import java.time.Instant;

/**
 * A message the bot did not understand (masked text only) and its label, if it has one.
 *
 * @param id the message's id in analytics (opaque), used to label it
 */
public record UnrecognizedMessage(String id, Instant receivedAt, String channelId, String language, String intent,
                                  Double confidence, String maskedText, Label label) {

    /** The intent a supervisor gave the message for the next training run. */
    public record Label(String intent, String labeledBy, Instant labeledAt) {
    }
}
