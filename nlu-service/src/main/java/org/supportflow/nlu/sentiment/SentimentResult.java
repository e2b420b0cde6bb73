package org.supportflow.nlu.sentiment;

import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

/**
 * Sentiment and urgency of one message.
 *
 * @param score -1 (very negative) .. 1 (very positive)
 */
public record SentimentResult(SentimentLabel label, double score, Urgency urgency) {
}
