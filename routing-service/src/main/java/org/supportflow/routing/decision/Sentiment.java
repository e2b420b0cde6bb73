package org.supportflow.routing.decision;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.SentimentLabel;

/**
 * Reads the NLU's sentiment. The strength of a negative reading is the magnitude of
 * {@link NluResult#sentimentScore()}, which works whether the NLU reports a signed polarity (-1..1)
 * or the probability of its label (0..1).
 */
public final class Sentiment {

    private Sentiment() {
    }

    public static boolean isNegative(NluResult nlu) {
        return nlu.sentiment() == SentimentLabel.NEGATIVE;
    }

    /** Negative with a strength of at least {@code threshold}. */
    public static boolean isStronglyNegative(NluResult nlu, double threshold) {
        return isNegative(nlu) && Math.abs(nlu.sentimentScore()) >= threshold;
    }
}
