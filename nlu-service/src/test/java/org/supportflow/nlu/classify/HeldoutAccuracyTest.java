package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.supportflow.nlu.TestModels;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality bar of issue 5: trained on {@code train-{ko,en}.tsv}, the model reaches at least 95 %
 * intent accuracy on each language's held-out split (never used for training or for choosing the
 * out-of-scope threshold). Prints per-intent precision / recall / F1 and the top confusions.
 */
class HeldoutAccuracyTest {

    private static final double REQUIRED_ACCURACY = 0.95;

    @Test
    void koreanHeldoutAccuracy() {
        assertThat(evaluate("ko").accuracy()).isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
    }

    @Test
    void englishHeldoutAccuracy() {
        assertThat(evaluate("en").accuracy()).isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
    }

    @Test
    void heldoutNeverOverlapsTraining() {
        List<String> training = TestModels.trainingData().stream().map(e -> e.text().strip()).toList();
        TestModels.heldout().values().forEach(examples -> examples.forEach(e ->
                assertThat(training).as("held-out example also in training").doesNotContain(e.text().strip())));
    }

    private static Evaluation evaluate(String language) {
        IntentModel model = TestModels.shared();
        Map<String, List<LabeledText>> heldout = TestModels.heldout();
        Evaluation eval = new Evaluation();
        for (LabeledText example : heldout.get(language)) {
            eval.add(example.intent(), model.classify(example.text(), 1).intent());
        }
        System.out.println(eval.report("held-out " + language + " (model " + model.version() + ")"));
        assertThat(eval.total()).as("held-out size").isGreaterThanOrEqualTo(100);
        return eval;
    }
}
