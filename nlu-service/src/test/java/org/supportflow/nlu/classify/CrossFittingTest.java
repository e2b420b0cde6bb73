package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CrossFittingTest {

    @Test
    void foldsSpreadPositivesAndNegativesEvenly() {
        boolean[] positive = new boolean[103];
        for (int i = 0; i < 13; i++) {
            positive[i * 7] = true;
        }
        int[] fold = CrossFitting.stratifiedFolds(positive, 5, 1);
        int[] pos = new int[5];
        int[] all = new int[5];
        for (int i = 0; i < fold.length; i++) {
            all[fold[i]]++;
            pos[fold[i]] += positive[i] ? 1 : 0;
        }
        for (int f = 0; f < 5; f++) {
            assertThat(pos[f]).isBetween(2, 3);
            assertThat(all[f]).isBetween(20, 21);
        }
    }

    @Test
    void aRowIsNeverScoredByAModelThatSawIt() {
        // Each row has its own indicator input and a random label: a model that saw the row memorises its label,
        // one that did not can only predict the base rate.
        int n = 60;
        double[][] x = new double[n][n];
        boolean[] positive = new boolean[n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            x[i][i] = 1;
            positive[i] = random.nextBoolean();
        }
        int[] fold = CrossFitting.stratifiedFolds(positive, 5, 7);
        double[] outOfFold = CrossFitting.outOfFoldProbabilities(x, positive, fold, 5, 1e-3);
        BinaryLogistic inSample = BinaryLogistic.fit(x, positive, 1e-3);
        for (int i = 0; i < n; i++) {
            assertThat(outOfFold[i]).isBetween(0.3, 0.7);
            assertThat(inSample.probability(x[i]) > 0.5).isEqualTo(positive[i]);
        }
    }

    @Test
    void rowsLeftOutOfTheFitDoNotMoveAnyScoreButAreScored() {
        int n = 80;
        Random random = new Random(5);
        double[][] x = new double[n][2];
        boolean[] positive = new boolean[n];
        boolean[] fit = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 4 == 0;
            x[i][0] = (positive[i] ? 1 : -1) + random.nextGaussian();
            x[i][1] = random.nextGaussian();
            fit[i] = i % 3 != 0;
        }
        int[] fold = CrossFitting.stratifiedFolds(positive, 5, 2);
        double[] scores = CrossFitting.outOfFoldProbabilities(x, positive, fit, fold, 5, 1e-2);
        // flip the labels of every row outside the fit: a fit that used them would move
        boolean[] flipped = positive.clone();
        for (int i = 0; i < n; i++) {
            flipped[i] = fit[i] ? positive[i] : !positive[i];
        }
        assertThat(CrossFitting.outOfFoldProbabilities(x, flipped, fit, fold, 5, 1e-2)).containsExactly(scores);
        assertThat(CrossFitting.outOfFoldProbabilities(x, flipped, fold, 5, 1e-2)).isNotEqualTo(scores);
        for (double score : scores) {
            assertThat(score).isStrictlyBetween(0.0, 1.0);
        }
    }
}
