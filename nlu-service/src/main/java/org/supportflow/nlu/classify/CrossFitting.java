package org.supportflow.nlu.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Out-of-fold scores: each row is scored by a model fitted without it, so that a threshold chosen on these scores
 * is chosen on what the model does on messages it has not seen (as it will on test), not on memorised rows.
 */
public final class CrossFitting {

    private CrossFitting() {
    }

    /**
     * A fold (0 .. folds-1) for each row, positives and negatives each spread evenly over the folds (the
     * out-of-scope class is rare: 100 of 3,100 validation messages), shuffled with {@code seed}.
     */
    public static int[] stratifiedFolds(boolean[] positive, int folds, long seed) {
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < positive.length; i++) {
            (positive[i] ? pos : neg).add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(pos, random);
        Collections.shuffle(neg, random);
        int[] fold = new int[positive.length];
        int next = 0;
        for (List<Integer> group : List.of(pos, neg)) {
            for (int i : group) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    /** P(positive) of each row from a {@link BinaryLogistic} fitted on the other folds. */
    public static double[] outOfFoldProbabilities(double[][] x, boolean[] positive, int[] fold, int folds, double l2) {
        boolean[] every = new boolean[x.length];
        java.util.Arrays.fill(every, true);
        return outOfFoldProbabilities(x, positive, every, fold, folds, l2);
    }

    /**
     * As above, fitting on the rows {@code fit} selects only (each fold's model on the selected rows of the other
     * folds); every row is scored, selected or not.
     */
    public static double[] outOfFoldProbabilities(double[][] x, boolean[] positive, boolean[] fit, int[] fold, int folds,
                                           double l2) {
        double[] out = new double[x.length];
        for (int f = 0; f < folds; f++) {
            int heldOut = f;
            BinaryLogistic model = fitOn(x, positive, i -> fit[i] && fold[i] != heldOut, l2);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    out[i] = model.probability(x[i]);
                }
            }
        }
        return out;
    }

    /** A {@link BinaryLogistic} fitted on the rows {@code include} selects, in their order. */
    public static BinaryLogistic fitOn(double[][] x, boolean[] positive, IntPredicate include, double l2) {
        int size = 0;
        for (int i = 0; i < x.length; i++) {
            size += include.test(i) ? 1 : 0;
        }
        double[][] fitX = new double[size][];
        boolean[] fitY = new boolean[size];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (include.test(i)) {
                fitX[n] = x[i];
                fitY[n++] = positive[i];
            }
        }
        return BinaryLogistic.fit(fitX, fitY, l2);
    }
}
