package org.supportflow.nlu.classify;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Chooses the threshold of an out-of-scope score (higher = more likely out of scope; a message is refused when its
 * score is at least the threshold) on labelled validation messages. {@code answeredRight[i]} says the classifier's
 * answer to message i is its gold in-scope intent (so refusing it costs in-scope accuracy); {@code refusedAnyway[i]}
 * says the classifier already answers "out of scope" (its out-of-scope class), so that the score does not matter.
 * Thresholds are scores seen on validation; {@link Double#POSITIVE_INFINITY} refuses nothing.
 */
public final class RefusalThresholds {

    private RefusalThresholds() {
    }

    /**
     * The lowest threshold (the most refusals, hence the most out-of-scope recall) whose refusals cost at most
     * {@code maxLoss} of the in-scope messages' accuracy: refused right answers / in-scope messages ≤ maxLoss.
     */
    public static double withinLoss(double[] score, boolean[] outOfScope, boolean[] answeredRight, double maxLoss) {
        int inScope = 0;
        for (boolean o : outOfScope) {
            inScope += o ? 0 : 1;
        }
        Integer[] order = descending(score);
        double threshold = Double.POSITIVE_INFINITY;
        int lost = 0;
        int i = 0;
        while (i < order.length) {
            double s = score[order[i]];
            int j = i;
            int lostHere = 0;
            while (j < order.length && score[order[j]] == s) {
                lostHere += answeredRight[order[j]] ? 1 : 0;
                j++;
            }
            if ((double) (lost + lostHere) / Math.max(1, inScope) > maxLoss) {
                break;
            }
            lost += lostHere;
            threshold = s;
            i = j;
        }
        return threshold;
    }

    /** The threshold of the best overall accuracy (right answers + refused out-of-scope, over all); ties refuse less. */
    public static double bestAccuracy(double[] score, boolean[] outOfScope, boolean[] answeredRight, boolean[] refusedAnyway) {
        Integer[] order = descending(score);
        int right = 0;
        for (int k = 0; k < score.length; k++) {
            right += answeredRight[k] || (outOfScope[k] && refusedAnyway[k]) ? 1 : 0;
        }
        int best = right;
        double threshold = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < order.length) {
            double s = score[order[i]];
            int j = i;
            while (j < order.length && score[order[j]] == s) {
                int k = order[j];
                if (answeredRight[k]) {
                    right--;
                } else if (outOfScope[k] && !refusedAnyway[k]) {
                    right++;
                }
                j++;
            }
            if (right > best) {
                best = right;
                threshold = s;
            }
            i = j;
        }
        return threshold;
    }

    private static Integer[] descending(double[] score) {
        Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> score[k]).reversed());
        return order;
    }
}
