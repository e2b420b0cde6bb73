package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportflow.nlu.TestModels;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutOfScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"내일 서울 날씨 어때?", "오늘 점심 뭐 먹을까", "what's the weather like tomorrow?",
        "tell me a joke about cats", "who won the football game last night"})
    void refusesMessagesOutsideTheTaxonomy(String text) {
        assertThat(TestModels.shared().classify(text, 3).intent()).isEqualTo(IntentPrediction.OUT_OF_SCOPE);
    }

    @Test
    void aLowBestProbabilityIsRefusedWithTheRankingKept() {
        IntentModel model = TestModels.shared();
        double[] flat = new double[model.intents().size()];
        java.util.Arrays.fill(flat, 1.0 / flat.length);
        IntentPrediction p = model.decide(flat, 3, 0.5);
        assertThat(p.intent()).isEqualTo(IntentPrediction.OUT_OF_SCOPE);
        assertThat(p.refused()).isTrue();
        assertThat(p.ranking()).hasSize(3);
        assertThat(p.confidence()).isEqualTo(1.0 - 1.0 / flat.length);
    }

    @Test
    void thresholdMaximisesAccuracyWithRefusalsCounted() {
        List<String> outcomes = List.of("a", "b", IntentPrediction.OUT_OF_SCOPE);
        // Two confident right answers, two unsure messages that are really out of scope.
        List<double[]> probabilities = List.of(new double[]{0.9, 0.05, 0.05}, new double[]{0.1, 0.8, 0.1},
                new double[]{0.45, 0.35, 0.2}, new double[]{0.3, 0.4, 0.3});
        List<String> gold = List.of("a", "b", IntentPrediction.OUT_OF_SCOPE, IntentPrediction.OUT_OF_SCOPE);
        double threshold = Calibration.bestThreshold(probabilities, gold, outcomes);
        assertThat(threshold).isGreaterThan(0.45).isLessThanOrEqualTo(0.8);
    }

    @Test
    void withoutOutOfScopeExamplesTheThresholdNeverRefuses() {
        List<String> outcomes = List.of("a", "b");
        double threshold = Calibration.bestThreshold(List.of(new double[]{0.6, 0.4}, new double[]{0.3, 0.7}),
                List.of("a", "a"), outcomes);
        assertThat(threshold).isZero();
    }
}
