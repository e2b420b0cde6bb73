package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalThresholdsTest {

    // Six messages by descending score: out, out, in (right), in (wrong), in (right), in (right).
    private static final double[] SCORE = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
    private static final boolean[] OUT = {true, true, false, false, false, false};
    private static final boolean[] RIGHT = {false, false, true, false, true, true};
    private static final boolean[] REFUSED_ANYWAY = new boolean[6];

    @Test
    void withinLossRefusesDownToTheLastScoreThatCostsNoMoreThanAllowed() {
        // No loss allowed: the two out-of-scope messages only.
        assertThat(RefusalThresholds.withinLoss(SCORE, OUT, RIGHT, 0.0)).isEqualTo(0.8);
        // One right in-scope answer of four may go (0.25): it also refuses the wrong answer below it, for free.
        assertThat(RefusalThresholds.withinLoss(SCORE, OUT, RIGHT, 0.25)).isEqualTo(0.6);
        assertThat(RefusalThresholds.withinLoss(SCORE, OUT, RIGHT, 1.0)).isEqualTo(0.4);
    }

    @Test
    void withinLossTakesTiedScoresTogether() {
        double[] tied = {0.9, 0.7, 0.7, 0.5};
        boolean[] out = {true, true, false, false};
        boolean[] right = {false, false, true, true};
        // Refusing at 0.7 would refuse the right answer tied with the out-of-scope message: not within 0 loss.
        assertThat(RefusalThresholds.withinLoss(tied, out, right, 0.0)).isEqualTo(0.9);
    }

    @Test
    void withinLossRefusesNothingWhenEvenTheTopScoreCostsTooMuch() {
        assertThat(RefusalThresholds.withinLoss(new double[]{0.9, 0.1}, new boolean[]{false, true},
                new boolean[]{true, false}, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void bestAccuracyStopsWhereRefusingCostsMoreRightAnswersThanItCatches() {
        // Refusing down to 0.8 catches 2 (5 of 6 right); 0.6 costs one right answer (4 of 6).
        assertThat(RefusalThresholds.bestAccuracy(SCORE, OUT, RIGHT, REFUSED_ANYWAY)).isEqualTo(0.8);
    }

    @Test
    void bestAccuracyGainsNothingFromMessagesTheClassifierRefusesAlready() {
        boolean[] anyway = {true, true, false, false, false, false};
        assertThat(RefusalThresholds.bestAccuracy(SCORE, OUT, RIGHT, anyway)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
