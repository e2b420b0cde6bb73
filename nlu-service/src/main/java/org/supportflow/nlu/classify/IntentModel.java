package org.supportflow.nlu.classify;

import opennlp.tools.ml.model.MaxentModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained, immutable intent model: features → TF-IDF → OpenNLP maxent (L-BFGS, L2) probabilities,
 * temperature-scaled so that confidences are calibrated, and an out-of-scope threshold. Thread-safe.
 */
public final class IntentModel {

    private final ModelInfo info;
    private final FeatureExtractor extractor;
    private final TfIdfVectorizer vectorizer;
    private final MaxentModel maxent;
    private final String[] outcomes;
    private final int outOfScopeIndex;

    IntentModel(ModelInfo info, FeatureExtractor extractor, TfIdfVectorizer vectorizer, MaxentModel maxent) {
        this.info = Objects.requireNonNull(info);
        this.extractor = extractor;
        this.vectorizer = vectorizer;
        this.maxent = maxent;
        this.outcomes = new String[maxent.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = maxent.getOutcome(i);
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

    TfIdfVectorizer vectorizer() {
        return vectorizer;
    }

    MaxentModel maxent() {
        return maxent;
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    /** Uncalibrated model probabilities, indexed like {@link #intents()}. */
    double[] rawProbabilities(String text) {
        TfIdfVectorizer.Vector v = extractor.vector(vectorizer, extractor.extract(text), extractor.dense(text));
        return maxent.eval(v.features(), v.values());
    }

    /** Calibrated probabilities, indexed like {@link #intents()}. */
    public double[] probabilities(String text) {
        return applyTemperature(rawProbabilities(text), info.temperature());
    }

    /** Ranks and applies the out-of-scope threshold. */
    public IntentPrediction classify(String text, int topK) {
        return decide(probabilities(text), topK, info.oosThreshold());
    }

    /** Ranking and refusal for given calibrated probabilities and threshold. */
    public IntentPrediction decide(double[] p, int topK, double threshold) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        List<IntentPrediction.Score> ranking = new ArrayList<>(Math.min(topK, p.length));
        for (int k = 0; k < Math.min(topK, p.length); k++) {
            ranking.add(new IntentPrediction.Score(outcomes[order[k]], p[order[k]]));
        }
        int best = order[0];
        if (best != outOfScopeIndex && p[best] < threshold) {
            return new IntentPrediction(IntentPrediction.OUT_OF_SCOPE, 1.0 - p[best], ranking, true, info.version());
        }
        return new IntentPrediction(outcomes[best], p[best], ranking, false, info.version());
    }

    static double[] applyTemperature(double[] p, double temperature) {
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
        return new IntentModel(newInfo, extractor, vectorizer, maxent);
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
