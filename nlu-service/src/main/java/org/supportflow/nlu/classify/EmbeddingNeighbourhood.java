package org.supportflow.nlu.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sentence embedding lies relative to the labelled training embeddings: cosine similarity to the nearest
 * examples (all classes, and the predicted class), to the class centroids, and the Mahalanobis distance to the
 * centroids under one covariance shared by all classes. Out-of-scope messages tend to lie far from every class,
 * which the softmax's maximum probability does not show (a linear model is confident far from its data).
 * Embeddings are L2-normalised here, so dot products are cosines. Read-only after construction (thread-safe).
 */
public final class EmbeddingNeighbourhood {

    /** How many nearest neighbours the mean similarity averages. */
    static final int K = 10;

    /** Shrinkage of the shared covariance towards its mean variance, so that it inverts (384 dims, ~15k rows). */
    static final double SHRINKAGE = 0.05;

    private final int dimension;
    private final int classes;
    /** Reference embeddings, normalised, row after row. */
    private final float[] references;
    private final int[] labels;
    private final double[][] centroids;
    private final double[][] centroidUnit;
    /** Lower-triangular L^-1 for the shared covariance L L^T: Mahalanobis distance = |L^-1 (x - mu)|. */
    private final double[][] whitening;
    private final double[][] whitenedCentroids;
    /** Rows of {@link #references} per class, so that the predicted class's examples are scanned alone. */
    private final int[][] rowsOfClass;

    /**
     * @param embeddings training embeddings (any norm)
     * @param labels     class index of each, 0 .. classes-1
     */
    public EmbeddingNeighbourhood(List<float[]> embeddings, int[] labels, int classes) {
        if (embeddings.isEmpty() || embeddings.size() != labels.length) {
            throw new IllegalArgumentException("need one label per embedding, at least one embedding");
        }
        this.dimension = embeddings.get(0).length;
        this.classes = classes;
        this.labels = labels.clone();
        int n = embeddings.size();
        references = new float[n * dimension];
        centroids = new double[classes][dimension];
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            double[] u = unit(embeddings.get(i));
            for (int j = 0; j < dimension; j++) {
                references[i * dimension + j] = (float) u[j];
                centroids[labels[i]][j] += u[j];
            }
            counts[labels[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dimension; j++) {
                centroids[c][j] /= Math.max(1, counts[c]);
            }
        }
        centroidUnit = new double[classes][];
        for (int c = 0; c < classes; c++) {
            centroidUnit[c] = unitOf(centroids[c]);
        }
        rowsOfClass = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            rowsOfClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < n; i++) {
            rowsOfClass[labels[i]][filled[labels[i]]++] = i;
        }
        whitening = invertLower(cholesky(sharedCovariance(n)));
        whitenedCentroids = new double[classes][];
        for (int c = 0; c < classes; c++) {
            whitenedCentroids[c] = multiplyLower(whitening, centroids[c]);
        }
    }

    /** The signals for one embedding; {@code predicted} is the class the classifier chose. */
    public record Signals(double nearest, double meanNearestK, double nearestOfPredicted, double centroidOfPredicted,
                   double bestCentroid, double mahalanobisNearest, double mahalanobisOfPredicted) {
    }

    public Signals signals(float[] embedding, int predicted) {
        return signals(embedding, predicted, -1);
    }

    /**
     * As {@link #signals(float[], int)}, ignoring reference {@code exclude} (the embedding's own row when it is a
     * training example, so that its nearest neighbour is not itself); -1 ignores none.
     */
    public Signals signals(float[] embedding, int predicted, int exclude) {
        double[] x = unit(embedding);
        double[] topK = new double[K];
        java.util.Arrays.fill(topK, -2);
        double nearestOfPredicted = -2;
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            if (i == exclude) {
                continue;
            }
            double s = dotReference(i, x);
            if (labels[i] == predicted && s > nearestOfPredicted) {
                nearestOfPredicted = s;
            }
            if (s > topK[K - 1]) {
                int p = K - 1;
                while (p > 0 && topK[p - 1] < s) {
                    topK[p] = topK[p - 1];
                    p--;
                }
                topK[p] = s;
            }
        }
        double mean = 0;
        int counted = 0;
        for (double v : topK) {
            if (v > -2) {
                mean += v;
                counted++;
            }
        }
        CentroidSignals centroids = centroidSignals(x, predicted);
        return new Signals(topK[0], mean / Math.max(1, counted), nearestOfPredicted,
                dot(centroidUnit[predicted], x), centroids.bestCosine(), centroids.nearestMahalanobis(),
                centroids.predictedMahalanobis());
    }

    /**
     * The signals that do not need a scan of every reference (what a service could afford per message): the
     * predicted class's examples, the centroids and the whitening; {@code nearest} and {@code meanNearestK} are NaN.
     * The other fields equal those of {@link #signals(float[], int)}.
     */
    public Signals signalsWithoutScan(float[] embedding, int predicted) {
        return withoutScan(embedding, predicted, true);
    }

    /**
     * As {@link #signalsWithoutScan}, without the predicted class's examples either ({@code nearestOfPredicted} NaN
     * too): what needs only the centroids and the whitening, not the training embeddings.
     */
    public Signals signalsFromCentroids(float[] embedding, int predicted) {
        return withoutScan(embedding, predicted, false);
    }

    private Signals withoutScan(float[] embedding, int predicted, boolean predictedExamples) {
        double[] x = unit(embedding);
        double nearestOfPredicted = predictedExamples ? -2 : Double.NaN;
        for (int i : predictedExamples ? rowsOfClass[predicted] : new int[0]) {
            double s = dotReference(i, x);
            nearestOfPredicted = Math.max(nearestOfPredicted, s);
        }
        CentroidSignals centroids = centroidSignals(x, predicted);
        return new Signals(Double.NaN, Double.NaN, nearestOfPredicted, dot(centroidUnit[predicted], x),
                centroids.bestCosine(), centroids.nearestMahalanobis(), centroids.predictedMahalanobis());
    }

    /** The cosine to the nearest centroid, and the Mahalanobis distances to the nearest and the predicted one. */
    private record CentroidSignals(double bestCosine, double nearestMahalanobis, double predictedMahalanobis) {
    }

    private CentroidSignals centroidSignals(double[] x, int predicted) {
        double bestCentroid = -2;
        for (int c = 0; c < classes; c++) {
            bestCentroid = Math.max(bestCentroid, dot(centroidUnit[c], x));
        }
        double[] z = multiplyLower(whitening, x);
        double nearestMahalanobis = Double.MAX_VALUE;
        for (int c = 0; c < classes; c++) {
            nearestMahalanobis = Math.min(nearestMahalanobis, squaredDistance(z, whitenedCentroids[c]));
        }
        return new CentroidSignals(bestCentroid, Math.sqrt(nearestMahalanobis),
                Math.sqrt(squaredDistance(z, whitenedCentroids[predicted])));
    }

    /** Cosine to the nearest reference (a scan of all of them: meant for small sets such as oos_train). */
    public double nearestCosine(float[] embedding) {
        double[] x = unit(embedding);
        double best = -2;
        for (int i = 0; i < labels.length; i++) {
            double s = dotReference(i, x);
            best = Math.max(best, s);
        }
        return best;
    }

    /**
     * The labelled references; {@link #read} builds the same neighbourhood again from them (the centroids and the
     * whitening are derived, a few seconds for CLINC150's 15,000 references, milliseconds for a shop's).
     */
    void write(DataOutput out) throws IOException {
        out.writeInt(dimension);
        out.writeInt(classes);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeInt(label);
        }
        for (float v : references) {
            out.writeFloat(v);
        }
    }

    static EmbeddingNeighbourhood read(DataInput in) throws IOException {
        int d = in.readInt();
        int k = in.readInt();
        int n = in.readInt();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = in.readInt();
        }
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
                row[j] = in.readFloat();
            }
            rows.add(row);
        }
        return new EmbeddingNeighbourhood(rows, labels, k);
    }

    private double[][] sharedCovariance(int n) {
        double[][] cov = new double[dimension][dimension];
        double[] r = new double[dimension];
        for (int i = 0; i < n; i++) {
            double[] mu = centroids[labels[i]];
            for (int j = 0; j < dimension; j++) {
                r[j] = references[i * dimension + j] - mu[j];
            }
            for (int a = 0; a < dimension; a++) {
                double ra = r[a];
                double[] row = cov[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += ra * r[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < dimension; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= Math.max(1, n - classes);
                cov[b][a] = cov[a][b];
            }
            trace += cov[a][a];
        }
        double meanVariance = trace / dimension;
        for (int a = 0; a < dimension; a++) {
            for (int b = 0; b < dimension; b++) {
                cov[a][b] *= 1 - SHRINKAGE;
            }
            cov[a][a] += SHRINKAGE * meanVariance;
        }
        return cov;
    }

    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new IllegalArgumentException("covariance not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[][] invertLower(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            inv[col][col] = 1 / l[col][col];
            for (int i = col + 1; i < d; i++) {
                double s = 0;
                for (int k = col; k < i; k++) {
                    s -= l[i][k] * inv[k][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        return inv;
    }

    // The sums below run in four independent accumulators: one accumulator makes every addition wait for the
    // previous one (about four cycles each), and these loops are most of the refusal's cost per encoded message.

    static double[] multiplyLower(double[][] lower, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = dot(lower[i], x, i + 1);
        }
        return out;
    }

    /** The dot product of reference {@code row} with {@code x}. */
    private double dotReference(int row, double[] x) {
        int base = row * dimension;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < dimension; j += 4) {
            s0 += references[base + j] * x[j];
            s1 += references[base + j + 1] * x[j + 1];
            s2 += references[base + j + 2] * x[j + 2];
            s3 += references[base + j + 3] * x[j + 3];
        }
        for (; j < dimension; j++) {
            s0 += references[base + j] * x[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            double d0 = a[i] - b[i];
            double d1 = a[i + 1] - b[i + 1];
            double d2 = a[i + 2] - b[i + 2];
            double d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < a.length; i++) {
            double d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double dot(double[] a, double[] b) {
        return dot(a, b, a.length);
    }

    /** The dot product of the first {@code length} elements. */
    private static double dot(double[] a, double[] b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double[] unit(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return unitOf(d);
    }

    private static double[] unitOf(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = norm == 0 ? 0 : v[i] / norm;
        }
        return u;
    }
}
