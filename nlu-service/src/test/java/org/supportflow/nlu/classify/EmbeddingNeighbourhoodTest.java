package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingNeighbourhoodTest {

    @Test
    void nearestAndCentroidCosinesAreThoseOfTheClosestExamples() {
        List<float[]> x = List.of(new float[]{1, 0, 0}, new float[]{2, 0.2f, 0}, new float[]{0, 1, 0},
                new float[]{0, 3, 0.3f});
        EmbeddingNeighbourhood n = new EmbeddingNeighbourhood(x, new int[]{0, 0, 1, 1}, 2);

        EmbeddingNeighbourhood.Signals s = n.signals(new float[]{5, 0, 0}, 1);

        assertThat(s.nearest()).isCloseTo(1.0, within(1e-6));
        assertThat(s.nearestOfPredicted()).isCloseTo(0.0, within(1e-6));
        assertThat(s.centroidOfPredicted()).isLessThan(0.1);
        assertThat(s.bestCentroid()).isGreaterThan(0.99);
        assertThat(s.mahalanobisNearest()).isLessThan(s.mahalanobisOfPredicted());
    }

    @Test
    void anExcludedRowIsNotItsOwnNeighbour() {
        List<float[]> x = List.of(new float[]{1, 0}, new float[]{1, 1});
        EmbeddingNeighbourhood n = new EmbeddingNeighbourhood(x, new int[]{0, 0}, 1);

        assertThat(n.signals(new float[]{1, 0}, 0).nearest()).isCloseTo(1.0, within(1e-6));
        assertThat(n.signals(new float[]{1, 0}, 0, 0).nearest()).isCloseTo(Math.sqrt(0.5), within(1e-6));
    }

    @Test
    void mahalanobisGrowsFasterAlongTheDirectionsTheClassesDoNotVary() {
        // Both classes vary along the second axis only: a step along the third is far, the same step along the
        // second is near, although both are the same cosine away from the centroid.
        Random random = new Random(9);
        List<float[]> x = new ArrayList<>();
        int[] labels = new int[400];
        for (int i = 0; i < 400; i++) {
            labels[i] = i % 2;
            x.add(new float[]{labels[i] == 0 ? 1 : -1, (float) random.nextGaussian() * 0.2f,
                    (float) random.nextGaussian() * 0.01f});
        }
        EmbeddingNeighbourhood n = new EmbeddingNeighbourhood(x, labels, 2);

        EmbeddingNeighbourhood.Signals along = n.signals(new float[]{1, 0.2f, 0}, 0);
        EmbeddingNeighbourhood.Signals across = n.signals(new float[]{1, 0, 0.2f}, 0);

        assertThat(across.centroidOfPredicted()).isCloseTo(along.centroidOfPredicted(), within(0.01));
        assertThat(across.mahalanobisOfPredicted()).isGreaterThan(2 * along.mahalanobisOfPredicted());
    }

    @Test
    void choleskyAndItsInverseGiveTheIdentity() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        double[][] l = EmbeddingNeighbourhood.cholesky(a);
        double[][] inv = EmbeddingNeighbourhood.invertLower(l);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertThat(s).isCloseTo(a[i][j], within(1e-12));
            }
        }
        for (int i = 0; i < 3; i++) {
            double[] column = new double[3];
            for (int k = 0; k < 3; k++) {
                column[k] = l[k][i];
            }
            double[] product = EmbeddingNeighbourhood.multiplyLower(inv, column);
            for (int k = 0; k < 3; k++) {
                assertThat(product[k]).isCloseTo(i == k ? 1.0 : 0.0, within(1e-12));
            }
        }
    }

    @Test
    void withoutTheScanTheSignalsThatNeedNoScanAreTheSame() {
        Random random = new Random(3);
        List<float[]> x = new ArrayList<>();
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 3;
            float[] v = new float[5];
            for (int j = 0; j < 5; j++) {
                v[j] = (float) random.nextGaussian() + (j == labels[i] ? 2 : 0);
            }
            x.add(v);
        }
        EmbeddingNeighbourhood n = new EmbeddingNeighbourhood(x, labels, 3);
        float[] query = {0.3f, 1.5f, -0.2f, 0.1f, 0.4f};

        EmbeddingNeighbourhood.Signals full = n.signals(query, 1);
        EmbeddingNeighbourhood.Signals cheap = n.signalsWithoutScan(query, 1);

        assertThat(cheap.nearest()).isNaN();
        assertThat(cheap.meanNearestK()).isNaN();
        assertThat(cheap.nearestOfPredicted()).isEqualTo(full.nearestOfPredicted());
        assertThat(cheap.centroidOfPredicted()).isEqualTo(full.centroidOfPredicted());
        assertThat(cheap.bestCentroid()).isEqualTo(full.bestCentroid());
        assertThat(cheap.mahalanobisNearest()).isEqualTo(full.mahalanobisNearest());
        assertThat(cheap.mahalanobisOfPredicted()).isEqualTo(full.mahalanobisOfPredicted());
        assertThat(n.nearestCosine(query)).isEqualTo(full.nearest());
        EmbeddingNeighbourhood.Signals centroids = n.signalsFromCentroids(query, 1);
        assertThat(centroids.nearestOfPredicted()).isNaN();
        assertThat(centroids.mahalanobisOfPredicted()).isEqualTo(full.mahalanobisOfPredicted());
    }

    /** The sums run four elements at a time plus a tail: a length that is not a multiple of four exercises both. */
    @Test
    void longVectorsGiveTheTextbookSums() {
        Random random = new Random(7);
        int d = 11;
        List<float[]> x = new ArrayList<>();
        int[] labels = new int[20];
        for (int i = 0; i < labels.length; i++) {
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                v[j] = (float) random.nextGaussian();
            }
            x.add(v);
            labels[i] = i % 2;
        }
        EmbeddingNeighbourhood n = new EmbeddingNeighbourhood(x, labels, 2);
        float[] query = new float[d];
        for (int j = 0; j < d; j++) {
            query[j] = (float) random.nextGaussian();
        }
        double best = -2;
        for (float[] v : x) {
            double dot = 0;
            double vv = 0;
            double qq = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) v[j] * query[j];
                vv += (double) v[j] * v[j];
                qq += (double) query[j] * query[j];
            }
            best = Math.max(best, dot / Math.sqrt(vv * qq));
        }
        assertThat(n.nearestCosine(query)).isCloseTo(best, within(1e-6));

        double[][] lower = new double[d][d];
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
            for (int k = 0; k <= i; k++) {
                lower[i][k] = random.nextGaussian();
            }
        }
        double[] product = EmbeddingNeighbourhood.multiplyLower(lower, v);
        for (int i = 0; i < d; i++) {
            double expected = 0;
            for (int k = 0; k <= i; k++) {
                expected += lower[i][k] * v[k];
            }
            assertThat(product[i]).isCloseTo(expected, within(1e-12));
        }
    }
}
