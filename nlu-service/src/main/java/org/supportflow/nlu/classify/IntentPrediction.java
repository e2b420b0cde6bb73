package org.supportflow.nlu.classify;

import java.util.List;

/**
 * What the intent model decided for one message.
 *
 * @param intent       the answer: the best intent, or {@code out_of_scope} when the model refuses
 * @param confidence   calibrated probability of {@code intent} (for a refusal below the threshold:
 *                     1 minus the best in-scope probability)
 * @param ranking      the model's top intents with calibrated probabilities, best first
 * @param refused      {@code true} when the best intent fell below the out-of-scope threshold
 * @param modelVersion the model that answered
 */
public record IntentPrediction(String intent, double confidence, List<Score> ranking, boolean refused,
                               String modelVersion) {

    public static final String OUT_OF_SCOPE = "out_of_scope";

    public IntentPrediction {
        ranking = List.copyOf(ranking);
    }

    /** Best minus second-best probability of the ranking (1 without a runner-up). */
    public double margin() {
        return ranking.size() < 2 ? 1.0 : ranking.get(0).confidence() - ranking.get(1).confidence();
    }

    public record Score(String intent, double confidence) {
    }
}
