package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinaryLogisticTest {

    @Test
    void recoversTheLogOddsOfAKnownModel() {
        // P(positive | x) = sigmoid(2 x0 - 1), x1 is noise.
        Random random = new Random(5);
        int n = 20_000;
        double[][] x = new double[n][];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{random.nextGaussian(), random.nextGaussian()};
            positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-(2 * x[i][0] - 1)));
        }
        BinaryLogistic model = BinaryLogistic.fit(x, positive, 0);
        assertThat(model.probability(new double[]{0, 0})).isCloseTo(1 / (1 + Math.exp(1)), within(0.02));
        assertThat(model.probability(new double[]{1, 0})).isCloseTo(1 / (1 + Math.exp(-1)), within(0.02));
        assertThat(Math.abs(model.standardisedWeights()[1])).isLessThan(0.1);
    }

    @Test
    void aConstantInputGetsNoWeight() {
        double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
        boolean[] positive = {false, false, true, true};
        BinaryLogistic model = BinaryLogistic.fit(x, positive, 0.1);
        assertThat(model.standardisedWeights()[1]).isZero();
        assertThat(model.probability(new double[]{4, 5})).isGreaterThan(model.probability(new double[]{1, 5}));
    }
}
