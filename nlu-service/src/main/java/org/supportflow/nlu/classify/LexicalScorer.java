package org.supportflow.nlu.classify;

import opennlp.tools.ml.ArrayMath;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * The lexical stage's hot path: TF-IDF weighting and the L-BFGS maxent's dot products with one hash
 * lookup per feature (the vocabulary's idf and the model's parameters joined in one table), instead of
 * one in the vectorizer and another in OpenNLP's model. Same arithmetic, in the same order, as
 * {@link TfIdfVectorizer#transform} followed by {@code QNModel.eval}. Immutable, thread-safe.
 */
final class LexicalScorer {

    private static final Context NO_PARAMETERS = new Context(new int[0], new double[0]);

    private record Entry(float idf, Context parameters) {
    }

    private final Map<String, Entry> table;
    private final int outcomes;

    private LexicalScorer(Map<String, Entry> table, int outcomes) {
        this.table = table;
        this.outcomes = outcomes;
    }

    /** The scorer for an OpenNLP quasi-Newton model, or {@code null} for other model types. */
    @SuppressWarnings("unchecked")
    static LexicalScorer of(TfIdfVectorizer vectorizer, Object maxent) {
        if (!(maxent instanceof QNModel model)) {
            return null;
        }
        Map<String, Context> pmap = (Map<String, Context>) model.getDataStructures()[1];
        Map<String, Entry> table = new HashMap<>(vectorizer.idf().size() * 2);
        vectorizer.idf().forEach((feature, idf) -> {
            Context c = pmap.get(feature);
            table.put(feature, new Entry(idf, c == null ? NO_PARAMETERS : c));
        });
        return new LexicalScorer(table, model.getNumOutcomes());
    }

    /** Uncalibrated probabilities for one message's feature counts. */
    double[] probabilities(Map<String, Integer> counts) {
        Entry[] entries = new Entry[counts.size()];
        float[] weights = new float[counts.size()];
        double norm = 0;
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Entry entry = table.get(e.getKey());
            if (entry == null) {
                continue;
            }
            float value = (float) ((1.0 + Math.log(e.getValue())) * entry.idf());
            entries[n] = entry;
            weights[n++] = value;
            norm += (double) value * value;
        }
        double[] probs = new double[outcomes];
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int k = 0; k < n; k++) {
                double value = weights[k] * inv;
                int[] o = entries[k].parameters().getOutcomes();
                double[] p = entries[k].parameters().getParameters();
                for (int i = 0; i < o.length; i++) {
                    probs[o[i]] += value * p[i];
                }
            }
        }
        double logSumExp = ArrayMath.logSumOfExps(probs);
        for (int i = 0; i < outcomes; i++) {
            probs[i] = StrictMath.exp(probs[i] - logSumExp);
        }
        return probs;
    }
}
