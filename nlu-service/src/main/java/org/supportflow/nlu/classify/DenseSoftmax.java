package org.supportflow.nlu.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Softmax (multinomial logistic) regression over a sentence embedding: the cascade's second stage.
 *
 * <p>Training minimises the mean cross-entropy plus {@code l2/2 · |W|²} (biases not penalised) over
 * standardised inputs (each dimension centred and scaled to unit variance on the training data) with
 * full-batch L-BFGS, run to convergence: the result is the regularised optimum, not wherever a number of
 * epochs happened to stop. The standardisation is folded into the stored weights, so scoring is one
 * affine map of the raw embedding. Deterministic: the data is cut into a fixed number of blocks whose
 * gradients are summed in order, whatever the number of threads. {@link #select} chooses the L2 strength
 * on held-back examples. Immutable and thread-safe once trained. Outcomes are indexed like the lexical
 * stage's (see {@link IntentModel}).
 */
public final class DenseSoftmax {

    /** Format 1 (mini-batch Adam, before 2026-12-07): float weights applied to the embedding scaled by 8. */
    private static final int FORMAT_SCALED = 1;
    /** Format 2: double weights over the raw embedding, plus the L2 strength and iterations of training. */
    private static final int FORMAT_AFFINE = 2;
    private static final float FORMAT_1_INPUT_SCALE = 8f;

    /**
     * L2 strengths the trainer tries, strongest first (each fit starts from the previous optimum). On
     * standardised 384-dimensional inputs 1e-4 is about scikit-learn's {@code C = 1} for 10,000 examples; the
     * strong end is for a few examples per intent (BANKING77 with 10 per intent chose 1e-2 or 3e-2).
     */
    private static final double[] L2_CANDIDATES = {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5};
    /** {@link #select} stops once this many weaker strengths in a row did worse than the best so far. */
    private static final int PATIENCE = 2;

    /** L-BFGS history length. */
    private static final int MEMORY = 10;
    /** Examples whose logits and gradient are computed together, one outcome's row of weights at a time. */
    private static final int TILE = 32;
    /** Gradient blocks: fixed, so that sums (and the model) do not depend on the thread count. */
    private static final int BLOCKS = 16;
    /** Converged when the gradient's largest component is below this. */
    private static final double GRADIENT_TOLERANCE = 1e-5;
    /** ... or when an iteration lowers the objective by less than this fraction. */
    private static final double RELATIVE_TOLERANCE = 1e-8;

    private final int dimension;
    private final double[][] weights; // [outcome][dimension + 1] over the raw embedding, last column = bias
    private final double l2;
    private final int iterations;

    private DenseSoftmax(int dimension, double[][] weights, double l2, int iterations) {
        this.dimension = dimension;
        this.weights = weights;
        this.l2 = l2;
        this.iterations = iterations;
    }

    public int dimension() {
        return dimension;
    }

    public int outcomes() {
        return weights.length;
    }

    /** The L2 strengths the trainer chooses among, strongest first (a copy). */
    public static double[] l2Candidates() {
        return L2_CANDIDATES.clone();
    }

    /** The L2 strength it was trained with (NaN for format-1 models, which did not record it). */
    public double l2() {
        return l2;
    }

    /** L-BFGS iterations its training took (0 for format-1 models). */
    public int iterations() {
        return iterations;
    }

    /** Probabilities over the outcomes for one embedding. */
    public double[] probabilities(float[] x) {
        double[] z = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            double[] w = weights[k];
            double s = w[dimension];
            for (int j = 0; j < dimension; j++) {
                s += w[j] * x[j];
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
     * Trains on embeddings {@code x} with outcome indexes {@code y} (0..outcomes-1) to the optimum of the
     * L2-regularised cross-entropy.
     *
     * @param l2            L2 strength (on the weights of the standardised inputs; biases are free)
     * @param maxIterations L-BFGS iterations at most
     * @param threads       threads for the gradient (the result does not depend on it)
     */
    public static DenseSoftmax train(List<float[]> x, int[] y, int outcomes, double l2, int maxIterations,
                                     int threads) {
        return train(x, y, outcomes, l2, maxIterations, threads, null);
    }

    /**
     * As {@link #train(List, int[], int, double, int, int)}, starting from {@code start} (a model of the same
     * shape, e.g. the one fitted on a slice of the same data) instead of zero: the optimum is the same, it is
     * reached in fewer iterations.
     */
    public static DenseSoftmax train(List<float[]> x, int[] y, int outcomes, double l2, int maxIterations,
                                     int threads, DenseSoftmax start) {
        try (Problem problem = new Problem(x, y, outcomes, threads)) {
            double[] w = start == null ? new double[problem.size()] : problem.standardised(start);
            int iterations = problem.minimise(w, l2, maxIterations);
            return problem.model(w, l2, iterations);
        }
    }

    /**
     * How each L2 strength did on the held-back examples, and the chosen one.
     *
     * @param l2         the candidates tried, in order (the path stops once weaker ones keep doing worse)
     * @param accuracy   held-back accuracy of the model fitted with each
     * @param logLoss    held-back mean log loss of each
     * @param chosen     index of the chosen candidate: the most accurate, ties to the lower log loss
     * @param model      the model fitted (on the fitting examples only) with the chosen strength
     */
    public record Selection(double[] l2, double[] accuracy, double[] logLoss, int chosen, DenseSoftmax model) {
        public double chosenL2() {
            return l2[chosen];
        }
    }

    /**
     * Fits {@code fitX} with each of {@code candidates} (in the order given, strongest first, each fit starting
     * from the previous optimum) and keeps the one that does best on {@code heldX}: the L2 strength is chosen on
     * held-back data, never on the data it is judged on. Stops early once {@value #PATIENCE} candidates in a row
     * did worse than the best so far (weaker regularisation only over-fits further).
     */
    public static Selection select(List<float[]> fitX, int[] fitY, List<float[]> heldX, int[] heldY, int outcomes,
                                   double[] candidates, int maxIterations, int threads) {
        if (heldX.isEmpty() || candidates.length == 0) {
            throw new IllegalArgumentException("nothing to choose on");
        }
        double[] accuracy = new double[candidates.length];
        double[] logLoss = new double[candidates.length];
        int chosen = -1;
        int tried = 0;
        int worse = 0;
        DenseSoftmax best = null;
        try (Problem problem = new Problem(fitX, fitY, outcomes, threads)) {
            double[] w = new double[problem.size()];
            for (int c = 0; c < candidates.length && worse < PATIENCE; c++) {
                tried++;
                int iterations = problem.minimise(w, candidates[c], maxIterations);
                DenseSoftmax model = problem.model(w, candidates[c], iterations);
                int right = 0;
                double loss = 0;
                for (int i = 0; i < heldX.size(); i++) {
                    double[] p = model.probabilities(heldX.get(i));
                    if (IntentModel.argmax(p) == heldY[i]) {
                        right++;
                    }
                    loss -= Math.log(Math.max(p[heldY[i]], 1e-12));
                }
                accuracy[c] = (double) right / heldX.size();
                logLoss[c] = loss / heldX.size();
                if (chosen < 0 || accuracy[c] > accuracy[chosen]
                        || (accuracy[c] == accuracy[chosen] && logLoss[c] < logLoss[chosen])) {
                    chosen = c;
                    best = model;
                }
                worse = accuracy[c] < accuracy[chosen] ? worse + 1 : 0;
            }
        }
        return new Selection(Arrays.copyOf(candidates, tried), Arrays.copyOf(accuracy, tried),
                Arrays.copyOf(logLoss, tried), chosen, best);
    }

    /** The training objective over standardised data, its gradient, and L-BFGS. */
    private static final class Problem implements AutoCloseable {
        private final int n;
        private final int d;
        private final int outcomes;
        private final float[][] z; // standardised inputs
        private final int[] y;
        private final double[] mean;
        private final double[] scale;
        private final int[] blockStart;
        private final double[][] blockGradient;
        private final double[] blockLoss;
        private final ExecutorService pool;

        Problem(List<float[]> x, int[] y, int outcomes, int threads) {
            if (x.isEmpty()) {
                throw new IllegalArgumentException("no training data");
            }
            this.n = x.size();
            this.d = x.get(0).length;
            this.outcomes = outcomes;
            this.y = y.clone();
            for (int label : this.y) {
                if (label < 0 || label >= outcomes) {
                    throw new IllegalArgumentException("outcome index out of range: " + label);
                }
            }
            mean = new double[d];
            scale = new double[d];
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    double c = row[j] - mean[j];
                    scale[j] += c * c;
                }
            }
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(scale[j] / n);
                scale[j] = sd > 1e-8 ? sd : 1.0; // a constant dimension carries nothing; leave it unscaled
            }
            z = new float[n][d];
            for (int i = 0; i < n; i++) {
                float[] row = x.get(i);
                for (int j = 0; j < d; j++) {
                    z[i][j] = (float) ((row[j] - mean[j]) / scale[j]);
                }
            }
            int blocks = Math.min(BLOCKS, n);
            blockStart = new int[blocks + 1];
            for (int b = 0; b <= blocks; b++) {
                blockStart[b] = (int) ((long) n * b / blocks);
            }
            blockGradient = new double[blocks][size()];
            blockLoss = new double[blocks];
            pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "dense-softmax-train");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        int size() {
            return outcomes * (d + 1);
        }

        /** Mean cross-entropy + l2/2·|W|² at {@code w}; its gradient into {@code g}. */
        double evaluate(double[] w, double l2, double[] g) {
            int blocks = blockLoss.length;
            if (pool == null) {
                for (int b = 0; b < blocks; b++) {
                    block(b, w);
                }
            } else {
                List<Future<?>> running = new ArrayList<>(blocks);
                for (int b = 0; b < blocks; b++) {
                    int block = b;
                    running.add(pool.submit(() -> block(block, w)));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while training", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("training failed", e.getCause());
                    }
                }
            }
            Arrays.fill(g, 0);
            double loss = 0;
            for (int b = 0; b < blocks; b++) {
                loss += blockLoss[b];
                double[] gb = blockGradient[b];
                for (int i = 0; i < g.length; i++) {
                    g[i] += gb[i];
                }
            }
            loss /= n;
            double penalty = 0;
            int stride = d + 1;
            for (int i = 0; i < g.length; i++) {
                g[i] /= n;
                if (i % stride != d) {
                    penalty += w[i] * w[i];
                    g[i] += l2 * w[i];
                }
            }
            return loss + 0.5 * l2 * penalty;
        }

        /**
         * Summed cross-entropy and its gradient over one block of examples. Examples go in tiles of
         * {@link #TILE}: each outcome's row of weights (and of the gradient) is read once per tile rather than
         * once per example, which keeps the rows in the core's cache instead of streaming the whole matrix
         * for every example.
         */
        private void block(int b, double[] w) {
            double[] g = blockGradient[b];
            Arrays.fill(g, 0);
            double loss = 0;
            int stride = d + 1;
            double[][] r = new double[TILE][outcomes]; // logits, then probabilities minus the one-hot target
            for (int from = blockStart[b]; from < blockStart[b + 1]; from += TILE) {
                int count = Math.min(TILE, blockStart[b + 1] - from);
                for (int k = 0; k < outcomes; k++) {
                    int o = k * stride;
                    for (int t = 0; t < count; t++) {
                        float[] xi = z[from + t];
                        // Four partial sums: independent chains the CPU can overlap.
                        double s0 = 0;
                        double s1 = 0;
                        double s2 = 0;
                        double s3 = 0;
                        int j = 0;
                        for (; j + 3 < d; j += 4) {
                            s0 += w[o + j] * xi[j];
                            s1 += w[o + j + 1] * xi[j + 1];
                            s2 += w[o + j + 2] * xi[j + 2];
                            s3 += w[o + j + 3] * xi[j + 3];
                        }
                        for (; j < d; j++) {
                            s0 += w[o + j] * xi[j];
                        }
                        r[t][k] = w[o + d] + (s0 + s1) + (s2 + s3);
                    }
                }
                for (int t = 0; t < count; t++) {
                    double[] rt = r[t];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < outcomes; k++) {
                        max = Math.max(max, rt[k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < outcomes; k++) {
                        rt[k] = Math.exp(rt[k] - max);
                        sum += rt[k];
                    }
                    int label = y[from + t];
                    loss -= Math.log(Math.max(rt[label] / sum, 1e-300));
                    for (int k = 0; k < outcomes; k++) {
                        rt[k] = rt[k] / sum - (k == label ? 1 : 0);
                    }
                }
                for (int k = 0; k < outcomes; k++) {
                    int o = k * stride;
                    for (int t = 0; t < count; t++) {
                        double rk = r[t][k];
                        if (Math.abs(rk) < 1e-12) {
                            continue; // far from the boundary: nothing to learn from this pair
                        }
                        float[] xi = z[from + t];
                        for (int j = 0; j < d; j++) {
                            g[o + j] += rk * xi[j];
                        }
                        g[o + d] += rk;
                    }
                }
            }
            blockLoss[b] = loss;
        }

        /** L-BFGS from {@code w} (updated in place); returns the iterations taken. */
        int minimise(double[] w, double l2, int maxIterations) {
            int size = w.length;
            double[] g = new double[size];
            double f = evaluate(w, l2, g);
            double[][] s = new double[MEMORY][];
            double[][] yv = new double[MEMORY][];
            double[] rho = new double[MEMORY];
            double[] alpha = new double[MEMORY];
            int stored = 0;
            int newest = -1;
            double[] direction = new double[size];
            double[] next = new double[size];
            double[] nextG = new double[size];
            int iteration = 0;
            while (iteration < maxIterations && maxAbs(g) > GRADIENT_TOLERANCE) {
                iteration++;
                // Two-loop recursion: direction = -H·g.
                System.arraycopy(g, 0, direction, 0, size);
                for (int m = 0; m < stored; m++) {
                    int slot = Math.floorMod(newest - m, MEMORY);
                    alpha[slot] = rho[slot] * dot(s[slot], direction);
                    axpy(-alpha[slot], yv[slot], direction);
                }
                double gamma = stored == 0 ? 1.0 / Math.max(1e-12, Math.sqrt(dot(g, g)))
                        : dot(s[newest], yv[newest]) / dot(yv[newest], yv[newest]);
                for (int i = 0; i < size; i++) {
                    direction[i] *= gamma;
                }
                for (int m = stored - 1; m >= 0; m--) {
                    int slot = Math.floorMod(newest - m, MEMORY);
                    double beta = rho[slot] * dot(yv[slot], direction);
                    axpy(alpha[slot] - beta, s[slot], direction);
                }
                for (int i = 0; i < size; i++) {
                    direction[i] = -direction[i];
                }
                double slope = dot(g, direction);
                if (slope >= 0) { // not a descent direction: forget the curvature pairs, go down the gradient
                    stored = 0;
                    double norm = Math.sqrt(dot(g, g));
                    for (int i = 0; i < size; i++) {
                        direction[i] = -g[i] / norm;
                    }
                    slope = dot(g, direction);
                }
                // Backtracking line search (Armijo).
                double step = 1.0;
                double nextF;
                int tries = 0;
                while (true) {
                    for (int i = 0; i < size; i++) {
                        next[i] = w[i] + step * direction[i];
                    }
                    nextF = evaluate(next, l2, nextG);
                    if (nextF <= f + 1e-4 * step * slope || ++tries >= 30) {
                        break;
                    }
                    step *= 0.5;
                }
                if (!(nextF <= f)) {
                    break; // no progress possible in floating point
                }
                newest = (newest + 1) % MEMORY;
                if (s[newest] == null) {
                    s[newest] = new double[size];
                    yv[newest] = new double[size];
                }
                for (int i = 0; i < size; i++) {
                    s[newest][i] = next[i] - w[i];
                    yv[newest][i] = nextG[i] - g[i];
                }
                double sy = dot(s[newest], yv[newest]);
                if (sy > 1e-12) {
                    rho[newest] = 1.0 / sy;
                    stored = Math.min(MEMORY, stored + 1);
                } else {
                    newest = Math.floorMod(newest - 1, MEMORY); // no curvature information: drop the pair
                }
                double previous = f;
                System.arraycopy(next, 0, w, 0, size);
                System.arraycopy(nextG, 0, g, 0, size);
                f = nextF;
                if (previous - f <= RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(f))) {
                    break;
                }
            }
            return iteration;
        }

        /** A model's affine map of the raw embedding as weights of this standardised problem (inverse of model()). */
        double[] standardised(DenseSoftmax start) {
            if (start.dimension != d || start.weights.length != outcomes) {
                throw new IllegalArgumentException("the starting model has another shape");
            }
            int stride = d + 1;
            double[] w = new double[size()];
            for (int k = 0; k < outcomes; k++) {
                double bias = start.weights[k][d];
                for (int j = 0; j < d; j++) {
                    w[k * stride + j] = start.weights[k][j] * scale[j];
                    bias += start.weights[k][j] * mean[j];
                }
                w[k * stride + d] = bias;
            }
            return w;
        }

        /** The weights of the standardised problem folded into an affine map of the raw embedding. */
        DenseSoftmax model(double[] w, double l2, int iterations) {
            int stride = d + 1;
            double[][] weights = new double[outcomes][stride];
            for (int k = 0; k < outcomes; k++) {
                double bias = w[k * stride + d];
                for (int j = 0; j < d; j++) {
                    double wj = w[k * stride + j] / scale[j];
                    weights[k][j] = wj;
                    bias -= wj * mean[j];
                }
                weights[k][d] = bias;
            }
            return new DenseSoftmax(d, weights, l2, iterations);
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(FORMAT_AFFINE);
            out.writeInt(dimension);
            out.writeInt(weights.length);
            out.writeDouble(l2);
            out.writeInt(iterations);
            for (double[] row : weights) {
                for (double v : row) {
                    out.writeDouble(v);
                }
            }
        }
    }

    /** Reads format 2 and the older format 1; refuses anything else. */
    public static DenseSoftmax read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != FORMAT_SCALED && format != FORMAT_AFFINE) {
                throw new IOException("unknown dense model format " + format + " in " + file
                        + " (this version reads formats " + FORMAT_SCALED + " and " + FORMAT_AFFINE + ")");
            }
            int d = in.readInt();
            int k = in.readInt();
            double l2 = Double.NaN;
            int iterations = 0;
            if (format == FORMAT_AFFINE) {
                l2 = in.readDouble();
                iterations = in.readInt();
            }
            double[][] w = new double[k][d + 1];
            for (double[] row : w) {
                for (int j = 0; j <= d; j++) {
                    if (format == FORMAT_AFFINE) {
                        row[j] = in.readDouble();
                    } else {
                        // Format 1 scaled the input by 8: fold the scale into the weights (not the bias).
                        row[j] = j < d ? (double) in.readFloat() * FORMAT_1_INPUT_SCALE : in.readFloat();
                    }
                }
            }
            return new DenseSoftmax(d, w, l2, iterations);
        }
    }
}
