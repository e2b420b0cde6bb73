package org.supportflow.nlu.classify;

import opennlp.tools.ml.model.MaxentModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trained, immutable intent model: a two-stage cascade held and swapped as one object.
 *
 * <ol>
 *   <li><b>Lexical stage</b>, for every message: features → TF-IDF → OpenNLP maxent (L-BFGS, L2),
 *       temperature-scaled ({@link ModelInfo#temperature()}). Korean text and every message the stage is
 *       sure about (best probability at least {@link Cascade#encodeBelow()}) are decided here, with the
 *       refusal threshold {@link ModelInfo#oosThreshold()}.</li>
 *   <li><b>Encoder stage</b>, only for the other English messages: the MiniLM sentence embedding
 *       ({@link SentenceEncoder}) → {@link DenseSoftmax}; its probabilities are fused with the lexical
 *       ones (log-linear: {@code α·log p_lexical + (1−α)·log p_dense}, renormalised, temperature
 *       {@link Cascade#temperature()}) and refused below {@link Cascade#oosThreshold()}, or, when the model
 *       has an {@link OutOfScopeRefusal}, where that says the message is out of scope.</li>
 * </ol>
 *
 * Without a {@link Cascade} (feature sets without {@code d}) the model is the lexical stage alone.
 * Thread-safe; the only mutable state is the pair of counters behind {@link #encoderShare()}.
 */
public final class IntentModel {

    private final ModelInfo info;
    private final FeatureExtractor extractor;
    private final TfIdfVectorizer vectorizer;
    private final MaxentModel maxent;
    private final Cascade cascade;
    private final OutOfScopeRefusal refusal;
    private final LexicalScorer scorer;
    private final String[] outcomes;
    private final int outOfScopeIndex;
    private final LongAdder classified = new LongAdder();
    private final LongAdder encoded = new LongAdder();

    IntentModel(ModelInfo info, FeatureExtractor extractor, TfIdfVectorizer vectorizer, MaxentModel maxent,
                Cascade cascade) {
        this(info, extractor, vectorizer, maxent, cascade, null);
    }

    IntentModel(ModelInfo info, FeatureExtractor extractor, TfIdfVectorizer vectorizer, MaxentModel maxent,
                Cascade cascade, OutOfScopeRefusal refusal) {
        this(info, extractor, vectorizer, maxent, cascade, refusal, LexicalScorer.of(vectorizer, maxent));
    }

    /** With the lexical scorer of the model this one is a copy of (its table is as large as the model). */
    private IntentModel(ModelInfo info, FeatureExtractor extractor, TfIdfVectorizer vectorizer, MaxentModel maxent,
                        Cascade cascade, OutOfScopeRefusal refusal, LexicalScorer scorer) {
        this.info = Objects.requireNonNull(info);
        this.extractor = extractor;
        this.vectorizer = vectorizer;
        this.maxent = maxent;
        this.cascade = cascade;
        this.refusal = cascade == null ? null : refusal;
        this.scorer = scorer;
        this.outcomes = new String[maxent.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = maxent.getOutcome(i);
        }
        if (cascade != null && cascade.dense().outcomes() != outcomes.length) {
            throw new IllegalArgumentException("the two stages disagree on the intents");
        }
        this.outOfScopeIndex = Arrays.asList(outcomes).indexOf(IntentPrediction.OUT_OF_SCOPE);
    }

    public ModelInfo info() {
        return info;
    }

    public String version() {
        return info.version();
    }

    public List<String> intents() {
        return List.of(outcomes);
    }

    /** The encoder stage, if this model has one. */
    public Optional<Cascade> cascade() {
        return Optional.ofNullable(cascade);
    }

    /** The refusal of encoded messages, if this model has one (else the fused threshold refuses them). */
    public Optional<OutOfScopeRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    TfIdfVectorizer vectorizer() {
        return vectorizer;
    }

    MaxentModel maxent() {
        return maxent;
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    /** Uncalibrated lexical-stage probabilities, indexed like {@link #intents()}. */
    public double[] lexicalRaw(String text) {
        if (scorer != null) {
            return scorer.probabilities(extractor.extract(text));
        }
        return lexicalRawReference(text);
    }

    /** The same through the vectorizer and OpenNLP's own evaluation (the reference for {@link LexicalScorer}). */
    double[] lexicalRawReference(String text) {
        TfIdfVectorizer.Vector v = extractor.vector(vectorizer, extractor.extract(text), null);
        return maxent.eval(v.features(), v.values());
    }

    /**
     * The embedding the encoder stage would use for this text, or {@code null} when it does not apply
     * (no encoder stage, Korean or empty text).
     */
    public float[] embedding(String text) {
        return cascade == null ? null : extractor.dense(text);
    }

    /** Calibrated probabilities of the cascade's final decision, indexed like {@link #intents()}. */
    public double[] probabilities(String text) {
        return score(text).probabilities();
    }

    /** Ranks and refuses as the cascade decides. */
    public IntentPrediction classify(String text, int topK) {
        Scored s = score(text);
        return decide(s.probabilities(), topK, s.threshold());
    }

    /** Runs the cascade: the lexical stage, and the encoder stage when it is unsure about English text. */
    public Scored score(String text) {
        classified.increment();
        double[] raw = lexicalRaw(text);
        double[] lexical = applyTemperature(raw, info.temperature());
        if (cascade == null || max(lexical) >= cascade.encodeBelow()) {
            return new Scored(lexical, info.oosThreshold(), false);
        }
        float[] e = extractor.dense(text);
        if (e == null) {
            return new Scored(lexical, info.oosThreshold(), false);
        }
        encoded.increment();
        return encodedScore(raw, lexical, e, cascade);
    }

    /**
     * The cascade's decision from precomputed stage outputs (for evaluation sweeps): {@code embedding}
     * {@code null} means the encoder does not apply to the text.
     */
    public Scored score(double[] lexicalRaw, float[] embedding, Cascade settings) {
        double[] lexical = applyTemperature(lexicalRaw, info.temperature());
        if (settings == null || embedding == null || max(lexical) >= settings.encodeBelow()) {
            return new Scored(lexical, info.oosThreshold(), false);
        }
        return encodedScore(lexicalRaw, lexical, embedding, settings);
    }

    /**
     * The encoder stage's verdict. With a refusal the fused threshold does not apply: the regression's decision is
     * expressed as a threshold on the fused probabilities, +∞ (refuse) or 0 (answer), so that every caller of
     * {@link #decide} reads it the same way.
     */
    private Scored encodedScore(double[] lexicalRaw, double[] lexical, float[] embedding, Cascade settings) {
        double[] dense = settings.dense().probabilities(embedding);
        double[] fused = fuse(lexicalRaw, dense, settings);
        if (refusal == null) {
            return new Scored(fused, settings.oosThreshold(), true);
        }
        boolean refuse = refusal.refuses(fused, dense, lexical, embedding);
        return new Scored(fused, refuse ? Double.POSITIVE_INFINITY : 0.0, true);
    }

    /** Log-linear fusion of the two stages, then the cascade's temperature. */
    static double[] fuse(double[] lexicalRaw, double[] dense, Cascade c) {
        double[] out = new double[lexicalRaw.length];
        double a = c.fusionWeight();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            out[i] = (a * Math.log(Math.max(lexicalRaw[i], 1e-300)) + (1 - a) * Math.log(Math.max(dense[i], 1e-300)))
                    / c.temperature();
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Share of the messages classified by this model that needed the sentence encoder (0 before any). */
    public double encoderShare() {
        long n = classified.sum();
        return n == 0 ? 0.0 : (double) encoded.sum() / n;
    }

    /** Ranking and refusal for given calibrated probabilities and threshold. */
    public IntentPrediction decide(double[] p, int topK, double threshold) {
        int shown = Math.min(topK, p.length);
        int[] order = top(p, Math.max(1, shown));
        List<IntentPrediction.Score> ranking = new ArrayList<>(shown);
        for (int k = 0; k < shown; k++) {
            ranking.add(new IntentPrediction.Score(outcomes[order[k]], p[order[k]]));
        }
        int best = order[0];
        if (best != outOfScopeIndex && p[best] < threshold) {
            return new IntentPrediction(IntentPrediction.OUT_OF_SCOPE, 1.0 - p[best], ranking, true, info.version());
        }
        return new IntentPrediction(outcomes[best], p[best], ranking, false, info.version());
    }

    /**
     * The indices of the {@code k} largest values, largest first and ties in index order: the first {@code k}
     * of a stable descending sort, without sorting (and boxing) every index for the handful that are shown.
     */
    static int[] top(double[] p, int k) {
        int[] top = new int[k];
        boolean[] taken = new boolean[p.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int i = 0; i < p.length; i++) {
                if (!taken[i] && (best < 0 || Double.compare(p[i], p[best]) > 0)) {
                    best = i;
                }
            }
            top[r] = best;
            taken[best] = true;
        }
        return top;
    }

    /** Index of the largest value (the first of equal ones). */
    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The largest value, at least 0. */
    public static double max(double[] p) {
        double m = 0;
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Probabilities rescaled by a temperature (softmax of log p / t); {@code p} itself when t is 1. */
    public static double[] applyTemperature(double[] p, double temperature) {
        if (temperature == 1.0) {
            return p;
        }
        double[] out = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.log(Math.max(p[i], 1e-300)) / temperature;
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < p.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** A copy of this model with another identity (used when a stored model is re-labelled). */
    public IntentModel withInfo(ModelInfo newInfo) {
        return new IntentModel(newInfo, extractor, vectorizer, maxent, cascade, refusal, scorer);
    }

    /** A copy of this model with other cascade settings (measurements of other operating points). */
    public IntentModel withCascade(Cascade newCascade) {
        return new IntentModel(info, extractor, vectorizer, maxent, newCascade, refusal, scorer);
    }

    /** A copy of this model with another refusal of encoded messages ({@code null}: the fused threshold). */
    public IntentModel withRefusal(OutOfScopeRefusal newRefusal) {
        return new IntentModel(info, extractor, vectorizer, maxent, cascade, newRefusal, scorer);
    }

    /**
     * The cascade's calibrated probabilities with the refusal threshold that applies to them.
     *
     * @param threshold the best in-scope probability below which the message is refused; where an
     *                  {@link OutOfScopeRefusal} decided, +∞ (refused) or 0 (answered)
     * @param encoded   whether the encoder stage ran
     */
    public record Scored(double[] probabilities, double threshold, boolean encoded) {
    }

    /**
     * The encoder stage and how the cascade uses it.
     *
     * @param dense        softmax regression over the sentence embedding, outcomes indexed like the lexical stage
     * @param fusionWeight α, the weight of the lexical stage's log-probabilities in the fusion
     * @param temperature  temperature of the fused probabilities
     * @param oosThreshold best fused in-scope probability below which the cascade refuses
     * @param encodeBelow  the encoder runs only when the lexical stage's best calibrated probability is
     *                     below this (1 = every English message, 0 = never)
     */
    public record Cascade(DenseSoftmax dense, double fusionWeight, double temperature, double oosThreshold,
                          double encodeBelow) {
        public Cascade {
            Objects.requireNonNull(dense);
        }

        public Cascade with(double newFusionWeight, double newTemperature, double newThreshold, double newEncodeBelow) {
            return new Cascade(dense, newFusionWeight, newTemperature, newThreshold, newEncodeBelow);
        }
    }

    /**
     * What is known about a model version.
     *
     * @param version      unique version id, e.g. {@code 20261123-091502-3fa2c1}
     * @param features     {@link FeatureSet#describe()}
     * @param temperature  calibration temperature (probabilities ∝ p^(1/T))
     * @param oosThreshold best in-scope probability below which the model refuses
     * @param metadata     free-form facts: training size, data hash, held-out accuracy, creation time
     */
    public record ModelInfo(String version, String features, double temperature, double oosThreshold,
                            Map<String, String> metadata) {
        public ModelInfo {
            metadata = Map.copyOf(metadata);
        }
    }
}
