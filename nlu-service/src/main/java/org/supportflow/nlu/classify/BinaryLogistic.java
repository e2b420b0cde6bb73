package org.supportflow.nlu.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A small L2-regularised logistic regression for the in/out decision over a handful of signals: inputs standardised
 * on the training rows, fitted by Newton's method (the problem has tens of weights, so the exact Hessian is cheap
 * and the optimum is reached in a few steps). The bias is not regularised. Immutable.
 */
public final class BinaryLogistic {

    private static final int MAX_STEPS = 50;
    private static final double TOLERANCE = 1e-9;

    private final double[] mean;
    private final double[] scale;
    /** Weights of the standardised inputs, then the bias. */
    private final double[] weights;

    private BinaryLogistic(double[] mean, double[] scale, double[] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /** Fits P(positive | x); {@code l2} is the penalty on the standardised weights, per training row. */
    public static BinaryLogistic fit(double[][] x, boolean[] positive, double l2) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant input carries nothing; scale 1 keeps it at zero instead of dividing by zero.
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            z[i][d] = 1;
        }
        double[] w = new double[d + 1];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, z[i]));
                double r = p - (positive[i] ? 1 : 0);
                double h = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a <= d; a++) {
                    gradient[a] += r * z[i][a] / n;
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += h * z[i][a] * z[i][b] / n;
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a < d) {
                    gradient[a] += l2 * w[a];
                    hessian[a][a] += l2;
                }
            }
            hessian[d][d] += 1e-9; // the bias alone is unpenalised; keeps the system solvable when one class is absent
            double[] delta = solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a <= d; a++) {
                w[a] -= delta[a];
                change = Math.max(change, Math.abs(delta[a]));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return new BinaryLogistic(mean, scale, w);
    }

    /** P(positive | x). */
    public double probability(double[] x) {
        double s = weights[weights.length - 1];
        for (int j = 0; j < x.length; j++) {
            s += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return sigmoid(s);
    }

    /** The weight of each standardised input (for reading which signals carry the decision). */
    public double[] standardisedWeights() {
        return java.util.Arrays.copyOf(weights, weights.length - 1);
    }

    /** The inputs' means and scales, then the weights and the bias. */
    void write(DataOutput out) throws IOException {
        out.writeInt(mean.length);
        for (double[] part : new double[][]{mean, scale, weights}) {
            for (double v : part) {
                out.writeDouble(v);
            }
        }
    }

    static BinaryLogistic read(DataInput in) throws IOException {
        int d = in.readInt();
        double[] mean = new double[d];
        double[] scale = new double[d];
        double[] weights = new double[d + 1];
        for (double[] part : new double[][]{mean, scale, weights}) {
            for (int j = 0; j < part.length; j++) {
                part[j] = in.readDouble();
            }
        }
        return new BinaryLogistic(mean, scale, weights);
    }

    /** How many inputs the regression takes. */
    int inputs() {
        return mean.length;
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves a x = b for a symmetric positive definite a (Gaussian elimination with partial pivoting). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
