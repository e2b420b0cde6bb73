package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DenseSoftmaxTest {

    /** Labelled vectors. */
    private record Data(List<float[]> x, int[] y) {
    }

    /**
     * Unit-length vectors that all point nearly the same way, as sentence embeddings do: the classes differ by
     * small offsets from a common direction, blurred by noise of the same order. Linear and learnable, but only
     * with large weights on the raw scale: an optimiser that stops early (or a model that never standardises its
     * inputs) does badly on them.
     */
    private static Data[] tightClusters(int classes, int perClass, int dimension, double spread, double noise,
                                        long seed) {
        Random random = new Random(seed);
        double[] common = new double[dimension];
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            common[j] = random.nextGaussian();
            norm += common[j] * common[j];
        }
        for (int j = 0; j < dimension; j++) {
            common[j] /= Math.sqrt(norm);
        }
        double[][] offsets = new double[classes][dimension];
        for (double[] offset : offsets) {
            for (int j = 0; j < dimension; j++) {
                offset[j] = random.nextGaussian() * spread / Math.sqrt(dimension);
            }
        }
        Data[] sets = new Data[2];
        for (int s = 0; s < sets.length; s++) {
            List<float[]> x = new ArrayList<>();
            int[] y = new int[classes * perClass];
            for (int i = 0; i < y.length; i++) {
                int k = i % classes;
                float[] v = new float[dimension];
                double length = 0;
                for (int j = 0; j < dimension; j++) {
                    double value = common[j] + offsets[k][j] + random.nextGaussian() * noise / Math.sqrt(dimension);
                    v[j] = (float) value;
                    length += value * value;
                }
                for (int j = 0; j < dimension; j++) {
                    v[j] /= (float) Math.sqrt(length);
                }
                x.add(v);
                y[i] = k;
            }
            sets[s] = new Data(x, y);
        }
        return sets;
    }

    private static double accuracy(DenseSoftmax model, Data data) {
        int right = 0;
        for (int i = 0; i < data.x().size(); i++) {
            double[] p = model.probabilities(data.x().get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            right += best == data.y()[i] ? 1 : 0;
        }
        return (double) right / data.x().size();
    }

    @Test
    void fitsTightClustersOfUnitVectorsTheWayTheRegularisedOptimumDoes() {
        // 30 classes, 10 examples each, in 128 dimensions: the old 30 epochs of Adam reached 0.99 on the
        // training data and 0.79 on fresh data from the same classes; the optimum gets 1.0 and 0.98.
        Data[] sets = tightClusters(30, 10, 128, 0.05, 0.1, 3L);
        DenseSoftmax model = DenseSoftmax.train(sets[0].x(), sets[0].y(), 30, 1e-3, 300, 1);
        assertThat(accuracy(model, sets[0])).as("training data").isEqualTo(1.0);
        assertThat(accuracy(model, sets[1])).as("fresh data").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void trainingRunsToConvergenceSoThatMoreIterationsChangeNothing() {
        Data[] sets = tightClusters(10, 20, 32, 0.1, 0.15, 5L);
        DenseSoftmax model = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 300, 1);
        DenseSoftmax longer = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 3000, 1);
        assertThat(model.iterations()).as("stopped because it converged, not at the cap").isLessThan(300);
        for (float[] x : sets[1].x()) {
            assertThat(model.probabilities(x)).containsExactly(longer.probabilities(x), within(1e-4));
        }
    }

    @Test
    void aWarmStartFromASliceReachesTheSameOptimumInFewerIterations() {
        Data[] sets = tightClusters(10, 30, 32, 0.1, 0.15, 4L);
        int slice = 240; // the first 80 %: every class, 24 examples each
        DenseSoftmax onSlice = DenseSoftmax.train(sets[0].x().subList(0, slice),
                java.util.Arrays.copyOf(sets[0].y(), slice), 10, 1e-3, 300, 1);
        DenseSoftmax cold = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 300, 1);
        DenseSoftmax warm = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 300, 1, onSlice);
        assertThat(warm.iterations()).isLessThan(cold.iterations());
        for (float[] x : sets[1].x()) {
            // The same optimum, up to where the stopping rule (gradient below 1e-5) leaves each run.
            assertThat(warm.probabilities(x)).containsExactly(cold.probabilities(x), within(5e-3));
        }
    }

    @Test
    void theModelDoesNotDependOnTheNumberOfThreads() {
        Data[] sets = tightClusters(10, 20, 32, 0.1, 0.15, 6L);
        DenseSoftmax one = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 300, 1);
        DenseSoftmax three = DenseSoftmax.train(sets[0].x(), sets[0].y(), 10, 1e-3, 300, 3);
        for (float[] x : sets[1].x()) {
            assertThat(three.probabilities(x)).containsExactly(one.probabilities(x));
        }
    }

    @Test
    void strongerL2GivesSofterProbabilities() {
        Data[] sets = tightClusters(5, 20, 16, 0.2, 0.1, 7L);
        DenseSoftmax weak = DenseSoftmax.train(sets[0].x(), sets[0].y(), 5, 1e-4, 300, 1);
        DenseSoftmax strong = DenseSoftmax.train(sets[0].x(), sets[0].y(), 5, 1.0, 300, 1);
        float[] x = sets[1].x().get(0);
        assertThat(IntentModel.max(strong.probabilities(x))).isLessThan(IntentModel.max(weak.probabilities(x)));
        assertThat(strong.l2()).isEqualTo(1.0);
    }

    @Test
    void selectionJudgesEachL2OnTheHeldBackExamplesOnly() {
        Data[] sets = tightClusters(20, 12, 64, 0.05, 0.1, 8L);
        double[] candidates = {1e-1, 1e-2, 1e-3, 1e-4};
        DenseSoftmax.Selection selection = DenseSoftmax.select(sets[0].x(), sets[0].y(), sets[1].x(), sets[1].y(),
                20, candidates, 300, 1);
        int tried = selection.l2().length;
        assertThat(tried).isBetween(1, candidates.length);
        for (int c = 0; c < tried; c++) {
            assertThat(selection.l2()[c]).isEqualTo(candidates[c]);
            DenseSoftmax alone = DenseSoftmax.train(sets[0].x(), sets[0].y(), 20, candidates[c], 300, 1);
            assertThat(selection.accuracy()[c]).as("held-back accuracy with l2 %s", candidates[c])
                    .isCloseTo(accuracy(alone, sets[1]), within(0.02));
        }
        int best = 0;
        for (int c = 1; c < tried; c++) {
            if (selection.accuracy()[c] > selection.accuracy()[best]) {
                best = c;
            }
        }
        assertThat(selection.accuracy()[selection.chosen()]).isEqualTo(selection.accuracy()[best]);
        assertThat(selection.model().l2()).isEqualTo(selection.chosenL2());
    }

    /**
     * The trainer chooses the encoder stage's L2 on its calibration slice: the strength it keeps is the one
     * {@link DenseSoftmax#select} picks when fitted on the rest of the training data and judged on that slice.
     */
    @Test
    void theTrainerChoosesTheEncoderStagesL2OnTheCalibrationSlice() {
        Data[] sets = tightClusters(12, 15, 48, 0.05, 0.12, 9L);
        List<LabeledText> data = new ArrayList<>();
        Map<String, float[]> embeddings = new HashMap<>();
        for (int i = 0; i < sets[0].x().size(); i++) {
            String text = "message number " + i;
            data.add(new LabeledText("intent_" + sets[0].y()[i], text));
            embeddings.put(text, sets[0].x().get(i));
        }
        TrainerConfig config = TrainerConfig.DEFAULT.withFeatures(FeatureSet.parse("w1,d1"));
        assertThat(config.cascade().choosesL2()).as("the production default chooses").isTrue();
        IntentModel model = new IntentTrainer(null, embeddings::get).train(data, config, "l2-choice", Map.of());

        List<LabeledText> fit = new ArrayList<>();
        List<LabeledText> held = new ArrayList<>();
        IntentTrainer.stratifiedSplit(data, config.calibrationFraction(), config.seed(), fit, held);
        Map<String, Integer> index = new LinkedHashMap<>();
        fit.forEach(e -> index.putIfAbsent(e.intent(), index.size()));
        DenseSoftmax.Selection expected = DenseSoftmax.select(
                fit.stream().map(e -> embeddings.get(e.text())).toList(),
                fit.stream().mapToInt(e -> index.get(e.intent())).toArray(),
                held.stream().map(e -> embeddings.get(e.text())).toList(),
                held.stream().mapToInt(e -> index.get(e.intent())).toArray(),
                index.size(), DenseSoftmax.l2Candidates(), config.cascade().iterations(), 1);

        assertThat(model.cascade()).isPresent();
        assertThat(model.cascade().get().dense().l2()).isEqualTo(expected.chosenL2());
        assertThat(model.info().metadata()).containsEntry("dense.l2", Double.toString(expected.chosenL2()))
                .containsEntry("dense.l2.heldExamples", Integer.toString(held.size()));
        assertThat(model.info().metadata().get("dense.l2.heldAccuracy"))
                .contains(String.format(java.util.Locale.ROOT, "%.4f", expected.accuracy()[expected.chosen()]));
    }

    @Test
    void roundTripsAndRefusesUnknownFormats(@TempDir Path dir) throws IOException {
        Data[] sets = tightClusters(3, 30, 8, 0.5, 0.1, 1L);
        DenseSoftmax model = DenseSoftmax.train(sets[0].x(), sets[0].y(), 3, 1e-3, 300, 1);
        model.write(dir.resolve("d.bin"));
        DenseSoftmax back = DenseSoftmax.read(dir.resolve("d.bin"));
        assertThat(back.probabilities(sets[1].x().get(0)))
                .containsExactly(model.probabilities(sets[1].x().get(0)), within(1e-12));
        assertThat(back.l2()).isEqualTo(1e-3);
        assertThat(back.iterations()).isEqualTo(model.iterations());

        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("future.bin")))) {
            out.writeInt(3);
            out.writeInt(8);
            out.writeInt(3);
        }
        assertThatThrownBy(() -> DenseSoftmax.read(dir.resolve("future.bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown dense model format 3");
    }

    @Test
    void readsTheFormatOfTheAdamTrainedModels(@TempDir Path dir) throws IOException {
        // Format 1: float weights applied to the embedding scaled by 8, bias last.
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("v1.bin")))) {
            out.writeInt(1);
            out.writeInt(2);
            out.writeInt(2);
            for (float f : new float[]{0.5f, 0f, 0.1f, 0f, 0.5f, -0.1f}) {
                out.writeFloat(f);
            }
        }
        DenseSoftmax old = DenseSoftmax.read(dir.resolve("v1.bin"));
        double z0 = 0.5 * 8 * 0.6 + 0.1;
        double z1 = 0.5 * 8 * 0.8 - 0.1;
        double p0 = Math.exp(z0) / (Math.exp(z0) + Math.exp(z1));
        assertThat(old.probabilities(new float[]{0.6f, 0.8f})[0]).isCloseTo(p0, within(1e-6));
        assertThat(old.l2()).isNaN();
    }
}
