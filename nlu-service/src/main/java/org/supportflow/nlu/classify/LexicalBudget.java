package org.supportflow.nlu.classify;

import java.util.Collection;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Keeps the lexical stage's training inside the heap the NLU has. OpenNLP's quasi-Newton trainer works on one
 * parameter per (feature, intent) and holds about 25 vectors of them at once (the L-BFGS history of
 * {@link #QN_CORRECTIONS} correction pairs, the line search's points and gradients, the final copy): about
 * 200 bytes per parameter, measured (BANKING77's 5.0 million parameters do not train in 800 MiB, HWU64's 5.6
 * million not in 1000 MiB; BENCHMARKS.md). A bundle of 10,000 examples can thus need more than a gigabyte.
 *
 * <p>When the estimate does not fit, the rarest features go first: the minimum document frequency rises (2, 3,
 * ... up to {@link #MAX_MIN_DF}) until it does. Features seen in a single example are about 40% of the n-grams
 * of such a bundle and carry the least evidence; dropping them is better than a job that fails, or an NLU
 * that runs out of memory while it serves. The model records the frequency it was trained with.
 */
final class LexicalBudget {

    /** The L-BFGS history length the trainer is given. */
    static final int QN_CORRECTIONS = 7;

    /** Measured peak bytes of heap per (feature, intent) parameter while training, rounded up. */
    static final long BYTES_PER_PARAMETER = 200;

    /** Beyond this, pruning would cost more accuracy than a larger heap costs money: train and let it fail. */
    static final int MAX_MIN_DF = 5;

    /** What training may use: this share of the heap that is free now (the rest: examples, GC headroom). */
    static final double HEAP_SHARE = 0.8;

    private LexicalBudget() {
    }

    static long bytesFor(long features, int intents) {
        return features * intents * BYTES_PER_PARAMETER;
    }

    /** A vocabulary and the minimum document frequency it was cut at. */
    record Fitted(TfIdfVectorizer vectorizer, int minDf) {
    }

    /**
     * The vocabulary of the documents with the smallest minimum document frequency, from {@code minDf} on, whose
     * training fits in the budget (or the one at {@link #MAX_MIN_DF} if none does).
     *
     * @param budgetFor the bytes training may use, given what the uncut vocabulary would need
     */
    static Fitted fit(Collection<Map<String, Integer>> documents, int minDf, int intents, LongUnaryOperator budgetFor) {
        int df = minDf;
        TfIdfVectorizer vectorizer = TfIdfVectorizer.fit(documents, df);
        long budget = budgetFor.applyAsLong(bytesFor(vectorizer.size(), intents));
        while (bytesFor(vectorizer.size(), intents) > budget && df < MAX_MIN_DF) {
            df++;
            vectorizer = TfIdfVectorizer.fit(documents, df);
        }
        return new Fitted(vectorizer, df);
    }

    /** The heap training may use now. Collects garbage first, but only when the naive figure would be too small. */
    static long heapBudget(long neededBytes) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (free * HEAP_SHARE < neededBytes) {
            System.gc(); // training is rare; an unneeded pruning would cost accuracy for every message after it
            free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        }
        return (long) (free * HEAP_SHARE);
    }
}
