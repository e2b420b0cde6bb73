package org.supportflow.nlu.classify;

import opennlp.tools.ml.ArrayMath;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.Context;

import java.util.Map;

/**
 * The lexical stage's hot path: TF-IDF weighting and the L-BFGS maxent's dot products with one lookup per
 * feature in a table that joins the vocabulary's idf and the model's parameters, instead of one lookup in
 * the vectorizer and another in OpenNLP's model. Same arithmetic, in the same order, as
 * {@link TfIdfVectorizer#transform} followed by {@code QNModel.eval}. Immutable, thread-safe.
 *
 * <p>The table is laid out for the cache, because with ~100,000 features it does not fit in one and a
 * message looks up several hundred of them: an open-addressing index of {@code long}s (hash and record
 * offset in one word), then one record per feature in one {@code long[]}: the name's length, its chars
 * four to a long, the idf and one parameter per outcome (0 where the model has none) as double bits. A
 * lookup reads the index slot and one stretch of memory. A {@code HashMap<String, record>} of
 * {@code Context}s costs about three times as many cache misses per feature (node, key, key bytes,
 * record, context, outcome and parameter arrays).
 */
final class LexicalScorer {

    private final int outcomes;
    /** The records; see the class comment. */
    private final long[] data;
    /** Open addressing, linear probing: {@code (hash << 32) | (record offset + 1)}, 0 for an empty slot. */
    private final long[] slots;
    private final int mask;

    private LexicalScorer(Map<String, Float> idf, Map<String, Context> parameters, int outcomes) {
        this.outcomes = outcomes;
        long size = 0;
        for (String feature : idf.keySet()) {
            size += 1 + nameLongs(feature.length()) + 1 + outcomes;
        }
        if (size >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vocabulary too large for the lexical scorer");
        }
        this.data = new long[(int) size];
        int capacity = Integer.highestOneBit(Math.max(4, idf.size() * 3));
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        int at = 0;
        for (Map.Entry<String, Float> e : idf.entrySet()) {
            String f = e.getKey();
            int record = at;
            data[at++] = f.length();
            for (int j = 0; j < f.length(); j++) {
                data[at + (j >> 2)] |= (long) f.charAt(j) << ((j & 3) << 4);
            }
            at += nameLongs(f.length());
            data[at] = Double.doubleToRawLongBits(e.getValue());
            Context c = parameters.get(f);
            if (c != null) {
                int[] o = c.getOutcomes();
                double[] p = c.getParameters();
                for (int i = 0; i < o.length; i++) {
                    data[at + 1 + o[i]] = Double.doubleToRawLongBits(p[i]);
                }
            }
            at += 1 + outcomes;
            int h = f.hashCode();
            int s = spread(h) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = ((long) h << 32) | (record + 1);
        }
    }

    /** The scorer for an OpenNLP quasi-Newton model, or {@code null} for other model types. */
    @SuppressWarnings("unchecked")
    static LexicalScorer of(TfIdfVectorizer vectorizer, Object maxent) {
        if (!(maxent instanceof QNModel model)) {
            return null;
        }
        Map<String, Context> parameters = (Map<String, Context>) model.getDataStructures()[1];
        return new LexicalScorer(vectorizer.idf(), parameters, model.getNumOutcomes());
    }

    /**
     * Uncalibrated probabilities for one message's feature counts. The features are looked up in passes
     * (every index slot, then every record, then the arithmetic) rather than one after the other: the loads
     * of a pass do not depend on each other, so the processor overlaps their cache misses instead of
     * waiting for each in turn. The arithmetic is the same, in the map's order.
     */
    double[] probabilities(Map<String, Integer> counts) {
        int size = counts.size();
        String[] names = new String[size];
        int[] values = new int[size];
        int[] hashes = new int[size];
        long[] slot = new long[size];
        int k = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            names[k] = e.getKey();
            values[k] = e.getValue();
            hashes[k] = names[k].hashCode();
            k++;
        }
        for (k = 0; k < size; k++) {
            slot[k] = slots[spread(hashes[k]) & mask];
        }
        boolean[] sameLength = new boolean[size]; // of the first slot's record (which this brings into the cache)
        for (k = 0; k < size; k++) {
            sameLength[k] = slot[k] != 0 && data[(int) slot[k] - 1] == names[k].length();
        }
        int[] found = new int[size];
        float[] weights = new float[size];
        double norm = 0;
        int n = 0;
        for (k = 0; k < size; k++) {
            int idf = find(names[k], hashes[k], slot[k], sameLength[k]);
            if (idf < 0) {
                continue;
            }
            // the idf is a float widened to double, exactly the product TfIdfVectorizer computes
            float value = (float) ((1.0 + Math.log(values[k])) * Double.longBitsToDouble(data[idf]));
            found[n] = idf + 1;
            weights[n++] = value;
            norm += (double) value * value;
        }
        double[] probs = new double[outcomes];
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (k = 0; k < n; k++) {
                double value = weights[k] * inv;
                int parameters = found[k];
                // adding value * 0 for an outcome without a parameter leaves the sum unchanged
                for (int i = 0; i < outcomes; i++) {
                    probs[i] += value * Double.longBitsToDouble(data[parameters + i]);
                }
            }
        }
        double logSumExp = ArrayMath.logSumOfExps(probs);
        for (int i = 0; i < outcomes; i++) {
            probs[i] = StrictMath.exp(probs[i] - logSumExp);
        }
        return probs;
    }

    /**
     * The offset of a feature's idf in {@link #data} (its parameters follow), or -1 when it is not in the
     * vocabulary; {@code first} is the content of its first index slot, {@code sameLength} whether that
     * slot's feature has the length of this one.
     */
    private int find(String feature, int h, long first, boolean sameLength) {
        int s = spread(h) & mask;
        if (first == 0) {
            return -1;
        }
        if (sameLength && (int) (first >>> 32) == h && nameEquals((int) first - 1, feature)) {
            return (int) first + nameLongs(feature.length());
        }
        for (s = (s + 1) & mask; ; s = (s + 1) & mask) {
            long slot = slots[s];
            if (slot == 0) {
                return -1;
            }
            int record = (int) slot - 1;
            if ((int) (slot >>> 32) == h && nameEquals(record, feature)) {
                return record + 1 + nameLongs(feature.length());
            }
        }
    }

    private boolean nameEquals(int record, String feature) {
        int length = feature.length();
        if (data[record] != length) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            if ((char) (data[record + 1 + (j >> 2)] >>> ((j & 3) << 4)) != feature.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static int nameLongs(int chars) {
        return (chars + 3) >> 2;
    }

    /** Mixes all bits of a String hash into the low ones the mask keeps (n-gram hashes cluster otherwise). */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }
}
