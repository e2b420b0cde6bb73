package org.supportflow.benchmarks.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OosEvalTest {

    // Intents 0 and 1, out-of-scope class 2. Messages: in 0 answered 0, in 1 answered 0 (wrong), in 1 answered 1,
    // out answered 2 (the classifier refuses it itself), out answered 1.
    private static final OosEval.Decisions DECISIONS = new OosEval.Decisions(new int[]{0, 1, 1, 2, 2},
            new int[]{0, 0, 1, 2, 1}, new int[]{0, 0, 1, 1, 1}, new boolean[]{true, true, true, true, true}, 2,
            new double[5][]);

    @Test
    void refusingAboveTheThresholdCostsRightAnswersAndCatchesOutOfScope() {
        double[] score = {0.1, 0.9, 0.6, 0.0, 0.7};

        assertThat(DECISIONS.inScopeAccuracy(score, Double.POSITIVE_INFINITY)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(DECISIONS.oosRecall(score, Double.POSITIVE_INFINITY)).isEqualTo(0.5);
        // Threshold 0.6 refuses the right answer at 0.6 and the out-of-scope message at 0.7.
        assertThat(DECISIONS.inScopeAccuracy(score, 0.6)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(DECISIONS.oosRecall(score, 0.6)).isEqualTo(1.0);
    }

    @Test
    void aurocIsTheShareOfOutInPairsRankedRightWithTiesCountingHalf() {
        assertThat(DECISIONS.auroc(new double[]{0.1, 0.2, 0.3, 0.8, 0.9})).isEqualTo(1.0);
        assertThat(DECISIONS.auroc(new double[]{0.8, 0.9, 0.7, 0.1, 0.2})).isEqualTo(0.0);
        // Out-of-scope scores 0.5 and 0.2 against in-scope 0.1, 0.5, 0.9: pairs won 1 + 0.5 + 0 + 1 + 0 + 0 of 6.
        assertThat(DECISIONS.auroc(new double[]{0.1, 0.5, 0.9, 0.5, 0.2})).isCloseTo(2.5 / 6, within(1e-12));
    }

    @Test
    void theFullScanVariantLeavesOutExactlyTheTwoSignalsThatNeedEveryTrainingEmbedding() {
        assertThat(OosEval.WITHOUT_FULL_SCAN).hasSize(OosEval.SIGNALS.size() - 2)
                .doesNotContain(OosEval.column("nearest"), OosEval.column("mean_nearest_10"))
                .contains(OosEval.column("nearest_of_predicted"));
    }

    @Test
    void aMessageTheEncoderDidNotSeeIsScoredOnTheLexicalStagesSignalsOnly() {
        assertThat(java.util.Arrays.stream(OosEval.LEXICAL_SIGNALS).mapToObj(OosEval.SIGNALS::get))
                .containsExactly("lexical_max", "lexical_margin", "lexical_entropy", "lexical_oos");
    }

    @Test
    void theCentroidsOnlyVariantAlsoLeavesOutThePredictedIntentsNearestExample() {
        assertThat(OosEval.CENTROIDS_ONLY).hasSize(OosEval.SIGNALS.size() - 3)
                .doesNotContain(OosEval.column("nearest_of_predicted"))
                .contains(OosEval.column("centroid_of_predicted"), OosEval.column("nearest_oos_train"));
    }
}
