package org.supportflow.nlu.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cascade's refusal of the English messages the encoder saw: P(out of scope) from a logistic regression over
 * {@link #SIGNALS} (both stages' and the fused probabilities, and where the message's embedding lies among the
 * training examples'), refused at or above a threshold. The fused maximum probability alone lets through the
 * out-of-scope questions the encoder stage is confidently wrong about: a linear model is sure of itself far from
 * its data, which the distance to the intents' examples and centroids shows (BENCHMARKS.md, "Out-of-scope refusal
 * from its own signal": CLINC150's out-of-scope recall 0.755 → 0.824 at the same in-scope budget).
 *
 * <p>Fitted on the calibration slice by {@link #fit}: the references are the examples the probe model was trained
 * on, so that the slice's messages are as new to them as a customer's; the regression's strength and the
 * threshold are chosen on out-of-fold scores (each slice message scored by a regression fitted without it), the
 * threshold as the most refusals whose cost stays within the in-scope loss of {@link Calibration.Rule}. The
 * final model then measures against all its training examples ({@link #withReferences}). Immutable, thread-safe.
 */
public final class OutOfScopeRefusal {

    /** The signals, in the order {@link #signals} writes them. */
    public static final List<String> SIGNALS = List.of(
            "fused_max", "fused_margin", "fused_entropy", "fused_oos",
            "dense_max", "dense_margin", "dense_entropy", "dense_oos",
            "lexical_max", "lexical_margin", "lexical_entropy", "lexical_oos", "stages_agree",
            "nearest_of_predicted", "centroid_of_predicted", "best_centroid",
            "log_mahalanobis_nearest", "log_mahalanobis_of_predicted", "nearest_out_of_scope");

    /** How many of {@link #SIGNALS} come from the probabilities alone (the rest from the embedding). */
    public static final int PROBABILITY_SIGNALS = 13;

    /** Out-of-scope English messages the slice needs before a regression is worth fitting on it. */
    public static final int MIN_OUT_OF_SCOPE = 10;

    /**
     * The share of the slice's in-scope accuracy the refusals may cost, fixed before measuring (BENCHMARKS.md: the
     * most out-of-scope recall within one point).
     */
    public static final double IN_SCOPE_LOSS = 0.01;

    /** L2 strengths tried; the one of lowest out-of-fold log loss is kept. */
    static final double[] L2 = {1e-3, 1e-2, 1e-1};
    static final int FOLDS = 5;

    private static final int FORMAT = 1;

    private final References references;
    private final BinaryLogistic regression;
    private final double threshold;
    private final int outOfScopeIndex;

    OutOfScopeRefusal(References references, BinaryLogistic regression, double threshold, int outOfScopeIndex) {
        if (regression.inputs() != SIGNALS.size()) {
            throw new IllegalArgumentException("the regression takes " + regression.inputs() + " inputs, not "
                    + SIGNALS.size());
        }
        this.references = references;
        this.regression = regression;
        this.threshold = threshold;
        this.outOfScopeIndex = outOfScopeIndex;
    }

    /**
     * The training examples' embeddings a message is measured against: the in-scope ones labelled with their
     * intent's index, and the {@code out_of_scope} ones apart (the nearest of those is a signal of its own).
     */
    public record References(EmbeddingNeighbourhood inScope, EmbeddingNeighbourhood outOfScope) {

        /**
         * @param embeddings the English training examples' embeddings
         * @param intents    the intent of each
         * @param outcomes   the model's intents, whose indexes label the references
         * @return {@code null} when there is not one in-scope and one {@code out_of_scope} example
         */
        public static References of(List<float[]> embeddings, List<String> intents, List<String> outcomes) {
            List<float[]> in = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < embeddings.size(); i++) {
                int k = outcomes.indexOf(intents.get(i));
                if (k < 0) {
                    continue;
                }
                if (IntentPrediction.OUT_OF_SCOPE.equals(intents.get(i))) {
                    out.add(embeddings.get(i));
                } else {
                    in.add(embeddings.get(i));
                    labels.add(k);
                }
            }
            if (in.isEmpty() || out.isEmpty()) {
                return null;
            }
            return new References(
                    new EmbeddingNeighbourhood(in, labels.stream().mapToInt(Integer::intValue).toArray(), outcomes.size()),
                    new EmbeddingNeighbourhood(out, new int[out.size()], 1));
        }
    }

    /** The threshold P(out of scope) is refused at. */
    public double threshold() {
        return threshold;
    }

    /**
     * The same regression and threshold measured against other references: the final model's examples, its
     * intents indexed as that model indexes them.
     */
    public OutOfScopeRefusal withReferences(References other, int newOutOfScopeIndex) {
        return new OutOfScopeRefusal(other, regression, threshold, newOutOfScopeIndex);
    }

    /** P(out of scope) of an encoded message; {@code lexical} calibrated, {@code fused} as the cascade decides. */
    public double outOfScope(double[] fused, double[] dense, double[] lexical, float[] embedding) {
        return regression.probability(signals(fused, dense, lexical, embedding, outOfScopeIndex, references));
    }

    public boolean refuses(double[] fused, double[] dense, double[] lexical, float[] embedding) {
        return outOfScope(fused, dense, lexical, embedding) >= threshold;
    }

    /** The {@link #SIGNALS} of one message; the intent it is measured against is the fused best in-scope one. */
    public static double[] signals(double[] fused, double[] dense, double[] lexical, float[] embedding,
                                   int outOfScopeIndex, References references) {
        double[] signals = Arrays.copyOf(probabilitySignals(fused, dense, lexical, outOfScopeIndex), SIGNALS.size());
        EmbeddingNeighbourhood.Signals near = references.inScope()
                .signalsWithoutScan(embedding, argmax(fused, outOfScopeIndex));
        int k = PROBABILITY_SIGNALS;
        signals[k++] = near.nearestOfPredicted();
        signals[k++] = near.centroidOfPredicted();
        signals[k++] = near.bestCentroid();
        signals[k++] = Math.log(near.mahalanobisNearest());
        signals[k++] = Math.log(near.mahalanobisOfPredicted());
        signals[k] = references.outOfScope().nearestCosine(embedding);
        return signals;
    }

    /**
     * The first {@link #PROBABILITY_SIGNALS} of {@link #SIGNALS}: maximum, margin, entropy and {@code out_of_scope}
     * probability of the fusion, the encoder stage and the lexical stage, and whether the two stages agree.
     */
    public static double[] probabilitySignals(double[] fused, double[] dense, double[] lexical, int outOfScopeIndex) {
        int fusedTop = IntentModel.argmax(fused);
        int denseTop = IntentModel.argmax(dense);
        int lexicalTop = IntentModel.argmax(lexical);
        return new double[]{
                fused[fusedTop], margin(fused), entropy(fused), fused[outOfScopeIndex],
                dense[denseTop], margin(dense), entropy(dense), dense[outOfScopeIndex],
                lexical[lexicalTop], margin(lexical), entropy(lexical), lexical[outOfScopeIndex],
                denseTop == lexicalTop ? 1 : 0};
    }

    /**
     * One message of the calibration slice, as the cascade under fit sees it.
     *
     * @param signals       its {@link #signals}, as if encoded (the regression learns from every English message)
     * @param outOfScope    its gold intent is {@code out_of_scope}
     * @param answeredRight the cascade's answer without any refusal is its gold in-scope intent
     * @param encoded       the encoder runs for it at the model's operating point (only those can be refused)
     */
    public record SliceMessage(double[] signals, boolean outOfScope, boolean answeredRight, boolean encoded) {
    }

    /**
     * Fits the refusal on a calibration slice's English messages, or {@code null} when the slice has fewer than
     * {@link #MIN_OUT_OF_SCOPE} out-of-scope ones. The regression learns from every message; the threshold is the
     * lowest whose refusals of encoded messages (scored out of fold) cost at most {@code maxInScopeLoss} of the
     * slice's in-scope accuracy. The choice goes into {@code meta}.
     */
    public static OutOfScopeRefusal fit(List<SliceMessage> slice, References references, int outOfScopeIndex,
                                        double maxInScopeLoss, long seed, Map<String, String> meta) {
        int n = slice.size();
        double[][] x = new double[n][];
        boolean[] positive = new boolean[n];
        boolean[] right = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            SliceMessage m = slice.get(i);
            x[i] = m.signals();
            positive[i] = m.outOfScope();
            right[i] = m.answeredRight();
            positives += positive[i] ? 1 : 0;
        }
        meta.put("refusal.sliceMessages", n + " (" + positives + " out of scope)");
        if (references == null || positives < MIN_OUT_OF_SCOPE || n - positives < MIN_OUT_OF_SCOPE) {
            meta.put("refusal", "none: fewer than " + MIN_OUT_OF_SCOPE + " English messages of each kind on the slice");
            return null;
        }
        int[] fold = CrossFitting.stratifiedFolds(positive, FOLDS, seed);
        double[] best = null;
        double bestL2 = L2[0];
        double bestLoss = Double.MAX_VALUE;
        for (double l2 : L2) {
            double[] p = CrossFitting.outOfFoldProbabilities(x, positive, fold, FOLDS, l2);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                loss -= Math.log(Math.max(positive[i] ? p[i] : 1 - p[i], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestL2 = l2;
                best = p;
            }
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = slice.get(i).encoded() ? best[i] : Double.NEGATIVE_INFINITY;
        }
        double threshold = RefusalThresholds.withinLoss(score, positive, right, Math.max(0, maxInScopeLoss));
        BinaryLogistic regression = BinaryLogistic.fit(x, positive, bestL2);
        meta.put("refusal", String.format(Locale.ROOT, "l2=%s threshold=%.4f out-of-fold log loss=%.4f", bestL2,
                threshold, bestLoss / n));
        return new OutOfScopeRefusal(references, regression, threshold, outOfScopeIndex);
    }

    /** Writes the references, the regression and the threshold into one file. */
    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(FORMAT);
            out.writeInt(outOfScopeIndex);
            out.writeDouble(threshold);
            regression.write(out);
            references.inScope().write(out);
            references.outOfScope().write(out);
        }
    }

    static OutOfScopeRefusal read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("unknown refusal format " + format + " in " + file + " (this version reads "
                        + FORMAT + ")");
            }
            int outOfScopeIndex = in.readInt();
            double threshold = in.readDouble();
            BinaryLogistic regression = BinaryLogistic.read(in);
            References references = new References(EmbeddingNeighbourhood.read(in), EmbeddingNeighbourhood.read(in));
            return new OutOfScopeRefusal(references, regression, threshold, outOfScopeIndex);
        }
    }

    /** Index of the largest value, skipping {@code skip} (-1 skips none). */
    public static int argmax(double[] p, int skip) {
        int best = -1;
        for (int k = 0; k < p.length; k++) {
            if (k != skip && (best < 0 || p[k] > p[best])) {
                best = k;
            }
        }
        return best;
    }

    /** The best probability minus the second best. */
    public static double margin(double[] p) {
        double first = 0;
        double second = 0;
        for (double v : p) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first - second;
    }

    public static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
