package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.supportflow.nlu.TestModels;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalBudgetTest {

    /** "a" in all three documents, "b" in two, "c" and "d" in one each. */
    private static final List<Map<String, Integer>> DOCUMENTS = List.of(
            Map.of("a", 1, "b", 1, "c", 1),
            Map.of("a", 2, "b", 1),
            Map.of("a", 1, "d", 3));

    @Test
    void aBudgetThatHoldsEveryFeatureCutsNothing() {
        LexicalBudget.Fitted fitted = LexicalBudget.fit(DOCUMENTS, 1, 2, needed -> needed);
        assertThat(fitted.minDf()).isEqualTo(1);
        assertThat(fitted.vectorizer().size()).isEqualTo(4);
    }

    @Test
    void theRarestFeaturesGoFirstUntilTrainingFits() {
        long twoFeatures = LexicalBudget.bytesFor(2, 2);
        LexicalBudget.Fitted fitted = LexicalBudget.fit(DOCUMENTS, 1, 2, needed -> twoFeatures);
        assertThat(fitted.minDf()).isEqualTo(2);
        assertThat(fitted.vectorizer().size()).isEqualTo(2);

        LexicalBudget.Fitted oneLeft = LexicalBudget.fit(DOCUMENTS, 1, 2, needed -> LexicalBudget.bytesFor(1, 2));
        assertThat(oneLeft.minDf()).isEqualTo(3);
        assertThat(oneLeft.vectorizer().size()).isEqualTo(1);
    }

    @Test
    void pruningStopsAtItsLimitEvenWhenNothingFits() {
        LexicalBudget.Fitted fitted = LexicalBudget.fit(DOCUMENTS, 1, 2, needed -> -1); // not even an empty one
        assertThat(fitted.minDf()).isEqualTo(LexicalBudget.MAX_MIN_DF);
    }

    @Test
    void theEstimateGrowsWithFeaturesAndIntents() {
        assertThat(LexicalBudget.bytesFor(65_000, 77)).isEqualTo(65_000L * 77 * LexicalBudget.BYTES_PER_PARAMETER);
        assertThat(LexicalBudget.bytesFor(65_000, 77)).isGreaterThan(800L << 20); // BANKING77 does not fit in 800 MiB
    }

    @Test
    void aTrainerShortOfMemoryRecordsTheCutAndStillLearns() {
        TrainerConfig config = TestModels.PRODUCTION.withCalibration(false);
        List<LabeledText> data = TrainingData.fromClasspath("fixtures/tiny-train.tsv");
        FeatureExtractor extractor = new FeatureExtractor(config.features(), TestModels.morphemes());
        List<Map<String, Integer>> documents = data.stream().map(example -> extractor.extract(example.text())).toList();
        int intents = (int) data.stream().map(LabeledText::intent).distinct().count();
        long withoutSingletons = LexicalBudget.bytesFor(TfIdfVectorizer.fit(documents, 2).size(), intents);

        IntentModel roomy = new IntentTrainer(TestModels.morphemes()).train(data, config, "roomy", Map.of());
        IntentModel tight = new IntentTrainer(TestModels.morphemes()).withLexicalBudget(withoutSingletons)
                .train(data, config, "tight", Map.of());

        assertThat(roomy.info().metadata()).doesNotContainKey("lexical.minDf");
        assertThat(tight.info().metadata()).containsEntry("lexical.minDf", "2");
        assertThat(tight.classify("where is my order", 1).intent()).isEqualTo("order_status");
    }
}
