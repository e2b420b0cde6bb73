package org.supportflow.nlu.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Softmax (multinomial logistic) regression over a sentence embedding: the cascade's second stage.
 * Trained with mini-batch Adam and L2 weight decay; deterministic for a given seed. Immutable and
 * thread-safe once trained. Outcomes are indexed like the lexical stage's (see {@link IntentModel}).
 */
public final class DenseSoftmax {

    /** Inputs (unit-length embeddings) are scaled by this before the linear layer, for conditioning. */
    private static final float INPUT_SCALE = 8f;

    private final int dimension;
    private final float[][] weights; // [outcome][dimension + 1], last column = bias

    private DenseSoftmax(int dimension, float[][] weights) {
        this.dimension = dimension;
        this.weights = weights;
    }

    public int dimension() {
        return dimension;
    }

    public int outcomes() {
        return weights.length;
    }

    /** Probabilities over the outcomes for one embedding. */
    public double[] probabilities(float[] x) {
        double[] z = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            float[] w = weights[k];
            double s = w[dimension];
            for (int j = 0; j < dimension; j++) {
                s += w[j] * x[j] * INPUT_SCALE;
            }
            z[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= sum;
        }
        return z;
    }

    /**
     * Trains on embeddings {@code x} with outcome indexes {@code y} (0..outcomes-1).
     *
     * @param epochs passes over the data
     * @param l2     weight decay per step (scaled by the learning rate)
     */
    public static DenseSoftmax train(List<float[]> x, int[] y, int outcomes, int epochs, double l2, long seed) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException("no training data");
        }
        int d = x.get(0).length;
        float[][] w = new float[outcomes][d + 1];
        float[][] m = new float[outcomes][d + 1];
        float[][] v = new float[outcomes][d + 1];
        float[][] g = new float[outcomes][d + 1];
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        int batch = 32;
        List<Integer> order = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        DenseSoftmax model = new DenseSoftmax(d, w);
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            double rate = lr * (epoch < epochs / 2 ? 1.0 : 0.3);
            for (int start = 0; start < order.size(); start += batch) {
                int end = Math.min(order.size(), start + batch);
                for (float[] row : g) {
                    java.util.Arrays.fill(row, 0f);
                }
                for (int b = start; b < end; b++) {
                    int i = order.get(b);
                    float[] xi = x.get(i);
                    double[] p = model.probabilities(xi);
                    p[y[i]] -= 1.0;
                    for (int k = 0; k < outcomes; k++) {
                        float gk = (float) (p[k] / (end - start));
                        if (gk == 0f) {
                            continue;
                        }
                        float[] row = g[k];
                        for (int j = 0; j < d; j++) {
                            row[j] += gk * xi[j] * INPUT_SCALE;
                        }
                        row[d] += gk;
                    }
                }
                step++;
                double c1 = 1 - Math.pow(b1, step);
                double c2 = 1 - Math.pow(b2, step);
                for (int k = 0; k < outcomes; k++) {
                    float[] wk = w[k];
                    float[] mk = m[k];
                    float[] vk = v[k];
                    float[] gk = g[k];
                    for (int j = 0; j <= d; j++) {
                        float grad = gk[j];
                        mk[j] = (float) (b1 * mk[j] + (1 - b1) * grad);
                        vk[j] = (float) (b2 * vk[j] + (1 - b2) * grad * grad);
                        double update = (mk[j] / c1) / (Math.sqrt(vk[j] / c2) + 1e-8);
                        wk[j] -= (float) (rate * (update + (j < d ? l2 * wk[j] : 0)));
                    }
                }
            }
        }
        return model;
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(1);
            out.writeInt(dimension);
            out.writeInt(weights.length);
            for (float[] row : weights) {
                for (float f : row) {
                    out.writeFloat(f);
                }
            }
        }
    }

    public static DenseSoftmax read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != 1) {
                throw new IOException("unknown dense model format " + format);
            }
            int d = in.readInt();
            int k = in.readInt();
            float[][] w = new float[k][d + 1];
            for (float[] row : w) {
                for (int j = 0; j <= d; j++) {
                    row[j] = in.readFloat();
                }
            }
            return new DenseSoftmax(d, w);
        }
    }
}
