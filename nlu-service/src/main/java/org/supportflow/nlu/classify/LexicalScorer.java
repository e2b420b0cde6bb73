package org.supportflow.nlu.classify;

import opennlp.tools.ml.ArrayMath;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lexical stage's hot path: TF-IDF weighting and the L-BFGS maxent's dot products with one lookup per
 * feature in a table that joins the vocabulary's idf and the model's parameters, instead of one lookup in
 * the vectorizer and another in OpenNLP's model. Same arithmetic, in the same order, as
 * {@link TfIdfVectorizer#transform} followed by {@code QNModel.eval}. Immutable, thread-safe.
 *
 * <p>The table is laid out for the cache, because with ~100,000 features it does not fit in one and a
 * message looks up several hundred of them: an open-addressing index of {@code long}s (hash and row in
 * one word), the feature names packed in one {@code char[]}, and one row of doubles per feature (its idf,
 * then one parameter per outcome, 0 where the model has none). A {@code HashMap<String, record>} of
 * {@code Context}s costs about twice as many cache misses per feature (node, key, key bytes, record,
 * context, outcome and parameter arrays).
 */
final class LexicalScorer {

    private final int outcomes;
    private final int stride;
    /** Per row: the idf, then the parameter of each outcome. */
    private final double[] rows;
    /** Open addressing, linear probing: {@code (hash << 32) | (row + 1)}, 0 for an empty slot. */
    private final long[] slots;
    private final int mask;
    /** Row r's feature name is {@code names[nameStart[r] .. nameStart[r + 1])}. */
    private final char[] names;
    private final int[] nameStart;

    private LexicalScorer(List<String> features, double[] rows, int outcomes) {
        this.outcomes = outcomes;
        this.stride = outcomes + 1;
        this.rows = rows;
        int capacity = Integer.highestOneBit(Math.max(4, features.size() * 3));
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        this.nameStart = new int[features.size() + 1];
        int chars = 0;
        for (String f : features) {
            chars += f.length();
        }
        this.names = new char[chars];
        int at = 0;
        for (int r = 0; r < features.size(); r++) {
            String f = features.get(r);
            f.getChars(0, f.length(), names, at);
            nameStart[r] = at;
            at += f.length();
            int h = f.hashCode();
            int s = spread(h) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = ((long) h << 32) | (r + 1);
        }
        nameStart[features.size()] = at;
    }

    /** The scorer for an OpenNLP quasi-Newton model, or {@code null} for other model types. */
    @SuppressWarnings("unchecked")
    static LexicalScorer of(TfIdfVectorizer vectorizer, Object maxent) {
        if (!(maxent instanceof QNModel model)) {
            return null;
        }
        Map<String, Context> pmap = (Map<String, Context>) model.getDataStructures()[1];
        int outcomes = model.getNumOutcomes();
        Map<String, Float> idf = vectorizer.idf();
        List<String> features = new ArrayList<>(idf.size());
        double[] rows = new double[idf.size() * (outcomes + 1)];
        idf.forEach((feature, weight) -> {
            int base = features.size() * (outcomes + 1);
            features.add(feature);
            rows[base] = weight;
            Context c = pmap.get(feature);
            if (c != null) {
                int[] o = c.getOutcomes();
                double[] p = c.getParameters();
                for (int i = 0; i < o.length; i++) {
                    rows[base + 1 + o[i]] = p[i];
                }
            }
        });
        return new LexicalScorer(features, rows, outcomes);
    }

    /** Uncalibrated probabilities for one message's feature counts. */
    double[] probabilities(Map<String, Integer> counts) {
        int[] found = new int[counts.size()];
        float[] weights = new float[counts.size()];
        double norm = 0;
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int row = row(e.getKey());
            if (row < 0) {
                continue;
            }
            // idf is stored as a double holding the float exactly: the same product as with the Float
            float value = (float) ((1.0 + Math.log(e.getValue())) * rows[row * stride]);
            found[n] = row;
            weights[n++] = value;
            norm += (double) value * value;
        }
        double[] probs = new double[outcomes];
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int k = 0; k < n; k++) {
                double value = weights[k] * inv;
                int base = found[k] * stride + 1;
                // adding value * 0 for an outcome without a parameter leaves the sum unchanged
                for (int i = 0; i < outcomes; i++) {
                    probs[i] += value * rows[base + i];
                }
            }
        }
        double logSumExp = ArrayMath.logSumOfExps(probs);
        for (int i = 0; i < outcomes; i++) {
            probs[i] = StrictMath.exp(probs[i] - logSumExp);
        }
        return probs;
    }

    /** The row of a feature, or -1 when it is not in the vocabulary. */
    private int row(String feature) {
        int h = feature.hashCode();
        for (int s = spread(h) & mask; ; s = (s + 1) & mask) {
            long slot = slots[s];
            if (slot == 0) {
                return -1;
            }
            int row = (int) slot - 1;
            if ((int) (slot >>> 32) == h && nameEquals(row, feature)) {
                return row;
            }
        }
    }

    private boolean nameEquals(int row, String feature) {
        int start = nameStart[row];
        int length = nameStart[row + 1] - start;
        if (length != feature.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (names[start + i] != feature.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Mixes all bits of a String hash into the low ones the mask keeps (n-gram hashes cluster otherwise). */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }
}
