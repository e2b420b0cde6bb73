package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.nlu.TestModels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CascadeTest {

    private static IntentModel tiny(double encodeBelow) {
        TrainerConfig config = TestModels.PRODUCTION.withCalibration(false)
                .withCascade(TrainerConfig.CascadeConfig.DEFAULT.withEncodeBelow(encodeBelow));
        return new IntentTrainer(TestModels.morphemes()).train(TrainingData.fromClasspath("fixtures/tiny-train.tsv"),
                config, "cascade-" + encodeBelow, Map.of());
    }

    @Test
    void bothStagesLiveInOneModelAndTheEncoderRunsOnlyForUnsureEnglish() {
        IntentModel always = tiny(1.01);
        assertThat(always.cascade()).isPresent();
        assertThat(always.score("where is my order").encoded()).as("English, threshold above 1").isTrue();
        assertThat(always.score("배송 조회 부탁해요").encoded()).as("Korean never goes to the English encoder").isFalse();

        IntentModel never = always.withCascade(always.cascade().get().with(0.5, 1.0, 0.0, 0.0));
        assertThat(never.score("where is my order").encoded()).isFalse();
        assertThat(never.probabilities("where is my order"))
                .containsExactly(always.lexicalRaw("where is my order"), within(1e-12));

        double lexicalBest = IntentModel.max(always.lexicalRaw("where is my order"));
        IntentModel justAbove = always.withCascade(always.cascade().get().with(0.5, 1.0, 0.0, lexicalBest + 1e-9));
        IntentModel justBelow = always.withCascade(always.cascade().get().with(0.5, 1.0, 0.0, lexicalBest));
        assertThat(justAbove.score("where is my order").encoded()).isTrue();
        assertThat(justBelow.score("where is my order").encoded()).as("sure enough: lexical answer").isFalse();
        assertThat(always.encoderShare()).isGreaterThan(0.0).isLessThan(1.0);
    }

    @Test
    void theProductionModelRefusesEncodedMessagesByItsOwnSignalsAndTheStoreKeepsThatRefusal(@TempDir Path dir) {
        IntentModel model = TestModels.shared();
        assertThat(model.refusal()).as("the shop's slice has enough out-of-scope English examples").isPresent();
        assertThat(model.info().metadata().get("refusal")).startsWith("l2=");

        ModelStore store = new ModelStore(dir);
        store.save(model);
        IntentModel loaded = store.load(model.version(), TestModels.morphemes());
        assertThat(loaded.refusal()).isPresent();
        assertThat(loaded.refusal().get().threshold()).isEqualTo(model.refusal().get().threshold());
        IntentModel withoutRefusal = model.withRefusal(null);
        int outOfScopeRefusedByTheRegression = 0;
        for (LabeledText example : TestModels.heldout().get("en")) {
            IntentModel.Scored scored = model.score(example.text());
            assertThat(loaded.score(example.text()).threshold()).as(example.text()).isEqualTo(scored.threshold());
            if (scored.encoded()) {
                assertThat(scored.threshold()).as("the regression decides: refuse or answer").isIn(0.0,
                        Double.POSITIVE_INFINITY);
                assertThat(withoutRefusal.score(example.text()).threshold()).as("else the fused threshold")
                        .isEqualTo(model.cascade().get().oosThreshold());
                if (scored.threshold() == Double.POSITIVE_INFINITY
                        && IntentPrediction.OUT_OF_SCOPE.equals(example.intent())) {
                    outOfScopeRefusedByTheRegression++;
                }
            }
        }
        assertThat(outOfScopeRefusedByTheRegression).as("held-out out-of-scope messages the regression refuses")
                .isPositive();
    }

    @Test
    void theStoreKeepsBothStagesAndTheCascadeSettings(@TempDir Path dir) {
        IntentModel model = tiny(1.01);
        IntentModel.Cascade c = model.cascade().get().with(0.3, 0.8, 0.25, 0.97);
        model = model.withCascade(c);
        ModelStore store = new ModelStore(dir);
        store.save(model);
        IntentModel loaded = store.load(model.version(), TestModels.morphemes());
        assertThat(loaded.cascade()).isPresent();
        IntentModel.Cascade l = loaded.cascade().get();
        assertThat(List.of(l.fusionWeight(), l.temperature(), l.oosThreshold(), l.encodeBelow()))
                .containsExactly(0.3, 0.8, 0.25, 0.97);
        for (String text : new String[]{"track my parcel", "cancel it", "hi there", "배송 조회"}) {
            assertThat(loaded.probabilities(text)).containsExactly(model.probabilities(text), within(1e-9));
        }
    }

    @Test
    void theFastLexicalPathComputesExactlyWhatOpenNlpComputes() {
        IntentModel model = tiny(0.9);
        for (String text : new String[]{"where is my order", "track my parcel please", "주문 취소할게요", "cancel cancel",
            "hello", "zzz qqq", "", "배송 조회 부탁해요 where"}) {
            assertThat(model.lexicalRaw(text)).as(text).containsExactly(model.lexicalRawReference(text), within(1e-12));
        }
    }

    @Test
    void theFastLexicalPathMatchesOpenNlpOnTheProductionModelForEveryHeldOutMessage() {
        IntentModel model = TestModels.shared();
        TestModels.heldout().values().forEach(examples -> examples.forEach(e ->
                assertThat(model.lexicalRaw(e.text())).as(e.text())
                        .containsExactly(model.lexicalRawReference(e.text()), within(1e-12))));
    }

    @Test
    void withoutADensePartThereIsNoEncoderStage() {
        IntentModel lexical = new IntentTrainer(TestModels.morphemes()).train(
                TrainingData.fromClasspath("fixtures/tiny-train.tsv"),
                TestModels.PRODUCTION.withCalibration(false).withFeatures(FeatureSet.parse("w2,c2-5")), "lex", Map.of());
        assertThat(lexical.cascade()).isEmpty();
        assertThat(lexical.score("where is my order").encoded()).isFalse();
    }

    @Test
    void denseSoftmaxLearnsSeparableClassesAndRoundTrips(@TempDir Path dir) throws Exception {
        Random random = new Random(1);
        List<float[]> x = new ArrayList<>();
        int[] y = new int[300];
        for (int i = 0; i < 300; i++) {
            int k = i % 3;
            float[] v = new float[8];
            for (int j = 0; j < 8; j++) {
                v[j] = (float) (random.nextGaussian() * 0.05);
            }
            v[k] += 0.5f;
            x.add(v);
            y[i] = k;
        }
        DenseSoftmax model = DenseSoftmax.train(x, y, 3, 1e-4, 300, 1);
        int right = 0;
        for (int i = 0; i < x.size(); i++) {
            double[] p = model.probabilities(x.get(i));
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            if (best == y[i]) {
                right++;
            }
        }
        assertThat(right).isGreaterThanOrEqualTo(295);
        model.write(dir.resolve("d.bin"));
        DenseSoftmax back = DenseSoftmax.read(dir.resolve("d.bin"));
        assertThat(back.probabilities(x.get(0))).containsExactly(model.probabilities(x.get(0)), within(1e-12));
    }

    @Test
    void refusalWithinAnInScopeLossKeepsInScopeAccuracyAndRefusesMore() {
        List<String> outcomes = List.of("a", "b", IntentPrediction.OUT_OF_SCOPE);
        List<double[]> p = List.of(new double[]{0.9, 0.05, 0.05}, new double[]{0.6, 0.3, 0.1},
                new double[]{0.2, 0.7, 0.1}, new double[]{0.5, 0.4, 0.1}, new double[]{0.45, 0.35, 0.2});
        List<String> gold = List.of("a", "a", "b", IntentPrediction.OUT_OF_SCOPE, IntentPrediction.OUT_OF_SCOPE);
        // No loss allowed: refuse below the weakest right answer (0.6), which catches both out-of-scope ones.
        double t = Calibration.thresholdWithinLoss(p, gold, outcomes, 0.0);
        assertThat(t).isGreaterThan(0.5).isLessThanOrEqualTo(0.6);
        // A third of in-scope accuracy may go: the threshold climbs past 0.6 but not past 0.7.
        double looser = Calibration.thresholdWithinLoss(p, gold, outcomes, 0.34);
        assertThat(looser).isGreaterThan(0.6).isLessThanOrEqualTo(0.7);
        assertThat(Calibration.thresholdWithinLoss(p, List.of("a", "a", "b", "a", "b"), outcomes, 0.1)).isZero();
    }
}
