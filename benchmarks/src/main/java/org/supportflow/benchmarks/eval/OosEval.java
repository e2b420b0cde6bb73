package org.supportflow.benchmarks.eval;

import org.supportflow.nlu.classify.BinaryLogistic;
import org.supportflow.nlu.classify.CrossFitting;
import org.supportflow.nlu.classify.EmbeddingNeighbourhood;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.OutOfScopeRefusal;
import org.supportflow.nlu.classify.RefusalThresholds;
import org.supportflow.nlu.classify.TrainerConfig;

import static org.supportflow.nlu.classify.OutOfScopeRefusal.argmax;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * CLINC150 out-of-scope detection with its own signal instead of the cascade's maximum probability (issue 12).
 * The cascade (the lexical stage and the MiniLM stage, trained on train + oos_train as {@link NluEval} trains them,
 * reusing its cached model and embeddings) answers; a separate score decides whether to refuse. The scores tried:
 * the maximum probability (today's rule, for reference), single signals of where the MiniLM embedding lies relative
 * to the training embeddings ({@link EmbeddingNeighbourhood}), and small logistic regressions over both stages'
 * probability signals and those embedding signals, fitted on val + oos_val (the models never saw val) with the
 * refusal threshold chosen on out-of-fold scores of val. Nothing is chosen on test. Usage:
 * {@code OosEval [--repo-root DIR]}; run by {@code benchmarks/oos-eval.sh}.
 */
public final class OosEval {

    static final double[] ENCODE_BELOW = {0.7, 0.8, 0.9, 0.95, 0.98, 1.01};
    /** The operating points whose full table of single signals and regressions is printed (as in the first run). */
    static final double[] FULL_TABLE = {0.7, 1.01};
    /** Every English message encoded: the signals every regression over embedding signals is fitted on. */
    static final double EVERY_MESSAGE = 1.01;
    /** The in-scope loss budget set beforehand (issue 12's arithmetic); the mixed rows' summary is at this budget. */
    static final double BUDGET = 0.01;
    /**
     * Fewer out-of-scope val messages than this in the share a regression would be fitted on: no regression there
     * (nothing refused beyond the classifier's own out-of-scope answers). Set before looking at the shares.
     */
    static final int MIN_POSITIVES = 10;
    static final double[] LOSSES = {0.005, 0.01, 0.015, 0.02};
    static final double[] LOGISTIC_L2 = {1e-3, 1e-2, 1e-1};
    static final int FOLDS = 5;
    static final long SEED = 12;
    /** A threshold no score reaches: only the classifier's own out-of-scope answers are refusals. */
    static final double NO_REFUSAL = Double.POSITIVE_INFINITY;

    /** Names of the per-message signals, in the order {@link #signalsOf} writes them. */
    static final List<String> SIGNALS = List.of(
            "fused_max", "fused_margin", "fused_entropy", "fused_oos",
            "dense_max", "dense_margin", "dense_entropy", "dense_oos",
            "lexical_max", "lexical_margin", "lexical_entropy", "lexical_oos", "stages_agree",
            "nearest", "mean_nearest_10", "nearest_of_predicted", "centroid_of_predicted", "best_centroid",
            "mahalanobis_nearest", "mahalanobis_of_predicted", "nearest_oos_train");
    static final int PROBABILITY_SIGNALS = OutOfScopeRefusal.PROBABILITY_SIGNALS;
    /** What exists for a message the encoder did not see: the lexical stage's probability signals. */
    static final int[] LEXICAL_SIGNALS = {8, 9, 10, 11};
    /**
     * Every signal except the two that scan all 15,000 training embeddings per message ({@code nearest},
     * {@code mean_nearest_10}); the rest need the predicted class's 100 examples, the centroids and the covariance.
     */
    static final int[] WITHOUT_FULL_SCAN = java.util.stream.IntStream.range(0, SIGNALS.size())
            .filter(i -> i != column("nearest") && i != column("mean_nearest_10")).toArray();
    /**
     * Also without the predicted intent's nearest example: what needs no stored training embedding, only the centroids,
     * the whitening and the 100 oos_train embeddings.
     */
    static final int[] CENTROIDS_ONLY = java.util.Arrays.stream(WITHOUT_FULL_SCAN)
            .filter(i -> i != column("nearest_of_predicted")).toArray();

    private OosEval() {
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repo-root")) {
                repoRoot = Path.of(args[++i]).toAbsolutePath();
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Datasets.root(repoRoot);
        if (!Files.isDirectory(root.resolve("clinc150"))) {
            System.out.println("SKIPPED: clinc150 not found under " + root);
            return;
        }
        Map<String, List<LabeledText>> splits = Datasets.clinc150(root);
        List<LabeledText> train = new ArrayList<>(splits.get("train"));
        train.addAll(splits.get("oos_train"));
        List<LabeledText> val = new ArrayList<>(splits.get("val"));
        val.addAll(splits.get("oos_val"));
        List<LabeledText> test = new ArrayList<>(splits.get("test"));
        test.addAll(splits.get("oos_test"));
        TrainerConfig config = NluEval.benchmarkConfig();
        EmbeddingCache cache = new EmbeddingCache(repoRoot.resolve("benchmarks/target/embeddings/clinc150.bin"));
        long start = System.nanoTime();
        IntentModel model;
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            ModelStore store = new ModelStore(repoRoot.resolve("benchmarks/target/eval-models"));
            String key = NluEval.modelKey(train, config);
            // The stored cascade (lexical and encoder stage) as NluEval trained it; trained here when absent.
            model = store.info(key).isPresent() ? store.load(key, morphemes)
                    : NluEval.timedTrain(new IntentTrainer(morphemes, cache), train, config, repoRoot, morphemes);
        }
        IntentModel.Cascade base = model.cascade().orElseThrow();
        List<String> intents = model.intents();
        int oosIndex = intents.indexOf(Datasets.OOS);

        Messages v = Messages.of(model, val, cache, intents);
        Messages t = Messages.of(model, test, cache, intents);
        List<float[]> inScopeTrain = new ArrayList<>();
        List<Integer> inScopeLabels = new ArrayList<>();
        List<float[]> oosTrain = new ArrayList<>();
        for (LabeledText e : train) {
            float[] x = cache.apply(e.text());
            if (e.intent().equals(Datasets.OOS)) {
                oosTrain.add(x);
            } else {
                inScopeTrain.add(x);
                inScopeLabels.add(intents.indexOf(e.intent()));
            }
        }
        cache.save();
        System.out.printf(Locale.ROOT, "model and embeddings loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);

        double lexicalTemperature = NluEval.chooseLexicalTemperature(model, val, v.lexical());
        IntentModel.ModelInfo mi = model.info();
        model = model.withInfo(new IntentModel.ModelInfo(mi.version(), mi.features(), lexicalTemperature,
                mi.oosThreshold(), mi.metadata()));
        double[] fusion = NluEval.chooseFusion(model, base, val, v.lexical(), v.embeddings(), null);
        System.out.printf(Locale.ROOT, "lexical_temperature=%.2f alpha=%.2f fused_temperature=%.2f (chosen on val)%n",
                lexicalTemperature, fusion[0], fusion[1]);

        start = System.nanoTime();
        EmbeddingNeighbourhood neighbourhood = new EmbeddingNeighbourhood(inScopeTrain,
                inScopeLabels.stream().mapToInt(Integer::intValue).toArray(), intents.size());
        EmbeddingNeighbourhood oosNeighbourhood = new EmbeddingNeighbourhood(oosTrain, new int[oosTrain.size()], 1);
        System.out.printf(Locale.ROOT, "neighbourhood of %d in-scope + %d oos_train embeddings built in %.1f s%n",
                inScopeTrain.size(), oosTrain.size(), (System.nanoTime() - start) / 1e9);

        IntentModel.Cascade every = base.with(fusion[0], fusion[1], 0, EVERY_MESSAGE);
        long signalStart = System.nanoTime();
        Decisions ev = Decisions.of(model, every, v, neighbourhood, oosNeighbourhood, oosIndex);
        Decisions et = Decisions.of(model, every, t, neighbourhood, oosNeighbourhood, oosIndex);
        System.out.printf(Locale.ROOT, "signals of %d messages, every English message encoded, in %.1f s%n",
                val.size() + test.size(), (System.nanoTime() - signalStart) / 1e9);
        List<String> summary = new ArrayList<>();
        for (double encodeBelow : ENCODE_BELOW) {
            IntentModel.Cascade c = base.with(fusion[0], fusion[1], 0, encodeBelow);
            boolean full = java.util.Arrays.stream(FULL_TABLE).anyMatch(x -> x == encodeBelow);
            // Embedding signals of every message, encoded or not, only for the full table (as in the first run);
            // the mixed refusal takes them from the 1.01 signals, identical for the messages encoded here.
            Decisions dv = encodeBelow == EVERY_MESSAGE ? ev
                    : Decisions.of(model, c, v, full ? neighbourhood : null, oosNeighbourhood, oosIndex);
            Decisions dt = encodeBelow == EVERY_MESSAGE ? et
                    : Decisions.of(model, c, t, full ? neighbourhood : null, oosNeighbourhood, oosIndex);
            System.out.printf(Locale.ROOT, "encode_below=%.2f: no refusal: val in-scope %.4f, test in-scope %.4f / "
                            + "OOS recall %.4f%n", encodeBelow,
                    dv.inScopeAccuracy(new double[dv.size()], NO_REFUSAL),
                    dt.inScopeAccuracy(new double[dt.size()], NO_REFUSAL), dt.oosRecall(new double[dt.size()], NO_REFUSAL));
            if (full) {
                fullTable(encodeBelow, dv, dt);
            }
            mixedRefusal(encodeBelow, dv, dt, ev, et, summary);
        }
        System.out.println();
        System.out.println("Summary at the in-scope loss budget " + BUDGET + " (val figures out of fold):");
        System.out.println("| encode_below | refusal | share encoded val / test | in scope before refusal val / test "
                + "| val in scope / OOS recall | test in scope | test OOS recall | AUROC val / test |");
        summary.forEach(System.out::println);
        signalCost(et, t.embeddings(), neighbourhood, oosNeighbourhood);
    }

    private static void fullTable(double encodeBelow, Decisions dv, Decisions dt) {
        System.out.println("| encode_below | score | threshold rule (val) | threshold | val in-scope | val OOS recall "
                + "| test in-scope | test OOS recall | AUROC val / test |");
        Map<String, double[][]> scores = new LinkedHashMap<>();
        // Single signals, oriented so that higher means "more likely out of scope"; nothing is fitted.
        scores.put("-fused max (today)", single(dv, dt, s -> -s[column("fused_max")]));
        scores.put("-encoder max", single(dv, dt, s -> -s[column("dense_max")]));
        scores.put("-nearest cosine", single(dv, dt, s -> -s[column("nearest")]));
        scores.put("-mean cosine of 10 nearest", single(dv, dt, s -> -s[column("mean_nearest_10")]));
        scores.put("-nearest cosine of predicted", single(dv, dt, s -> -s[column("nearest_of_predicted")]));
        scores.put("-cosine to predicted centroid", single(dv, dt, s -> -s[column("centroid_of_predicted")]));
        scores.put("Mahalanobis to nearest centroid", single(dv, dt, s -> s[column("mahalanobis_nearest")]));
        scores.put("Mahalanobis to predicted centroid", single(dv, dt, s -> s[column("mahalanobis_of_predicted")]));
        scores.put("logistic: probability signals", logistic(dv, dt, range(0, PROBABILITY_SIGNALS), SEED));
        scores.put("logistic: embedding signals", logistic(dv, dt, range(PROBABILITY_SIGNALS, SIGNALS.size()),
                SEED));
        scores.put("logistic: all signals", logistic(dv, dt, range(0, SIGNALS.size()), SEED));
        scores.put("logistic: all but the full neighbour scan", logistic(dv, dt, WITHOUT_FULL_SCAN, SEED));
        foldSeedSpread(encodeBelow, dv, dt);
        for (Map.Entry<String, double[][]> e : scores.entrySet()) {
            double[] sv = e.getValue()[0];
            double[] st = e.getValue()[1];
            String auroc = String.format(Locale.ROOT, "%.4f / %.4f", dv.auroc(sv), dt.auroc(st));
            printRuleRows(encodeBelow, e.getKey(), dv, dt, sv, st, auroc);
        }
    }

    /**
     * Whether the result hangs on how val was cut into folds: the all-signals regression with other fold seeds
     * (each a complete val-only choice; test figures printed for reading the spread, not for choosing).
     */
    private static void foldSeedSpread(double encodeBelow, Decisions dv, Decisions dt) {
        for (double loss : LOSSES) {
            StringBuilder sb = new StringBuilder();
            for (long seed = 1; seed <= 5; seed++) {
                double[][] s = logistic(dv, dt, range(0, SIGNALS.size()), seed, false);
                double th = RefusalThresholds.withinLoss(s[0], dv.outOfScope(), dv.answeredRight(), loss);
                sb.append(String.format(Locale.ROOT, " %.4f/%.4f", dt.inScopeAccuracy(s[1], th), dt.oosRecall(s[1], th)));
            }
            System.out.printf(Locale.ROOT, "fold seeds 1-5, encode_below=%.2f, all signals, in-scope-loss<=%s: "
                    + "test in-scope/OOS recall%s%n", encodeBelow, loss, sb);
        }
    }

    static int column(String signal) {
        int c = SIGNALS.indexOf(signal);
        if (c < 0) {
            throw new IllegalArgumentException("no signal " + signal);
        }
        return c;
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    /** One signal as a score on val and test: {@code {val scores, test scores}}. */
    private static double[][] single(Decisions dv, Decisions dt, ToDoubleFunction<double[]> score) {
        return new double[][]{dv.scores(score), dt.scores(score)};
    }

    /**
     * A logistic regression over signals {@code from .. to-1}: val scores out of fold (each val message scored by a
     * regression fitted on the other folds; the L2 strength of lowest out-of-fold log loss), test scores from the
     * regression fitted on all of val.
     */
    private static double[][] logistic(Decisions dv, Decisions dt, int[] columns, long seed) {
        return logistic(dv, dt, columns, seed, true);
    }

    private static double[][] logistic(Decisions dv, Decisions dt, int[] columns, long seed, boolean print) {
        boolean[] every = new boolean[dv.size()];
        java.util.Arrays.fill(every, true);
        CrossFitted fitted = crossFitted(dv, dt, columns, every, seed);
        if (print) {
            double[] w = fitted.full().standardisedWeights();
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < w.length; j++) {
                sb.append(String.format(Locale.ROOT, " %s=%.2f", SIGNALS.get(columns[j]), w[j]));
            }
            System.out.printf(Locale.ROOT, "logistic: l2=%s (out-of-fold log loss on val), weights of the "
                    + "standardised signals:%s%n", fitted.l2(), sb);
        }
        return new double[][]{fitted.val(), fitted.test()};
    }

    /**
     * A regression over {@code columns} fitted on the val rows {@code fit}: val scores out of fold (each val row
     * scored by the regression fitted on the {@code fit} rows of the other folds), the L2 strength of lowest
     * out-of-fold log loss over the {@code fit} rows, test scores from that regression refitted on all {@code fit}
     * rows.
     */
    private record CrossFitted(double[] val, double[] test, double l2, BinaryLogistic full) {
    }

    private static CrossFitted crossFitted(Decisions dv, Decisions dt, int[] columns, boolean[] fit, long seed) {
        double[][] xv = dv.signalColumns(columns);
        double[][] xt = dt.signalColumns(columns);
        boolean[] y = dv.outOfScope();
        int[] fold = CrossFitting.stratifiedFolds(y, FOLDS, seed);
        double[] best = null;
        double bestLoss = Double.MAX_VALUE;
        double bestL2 = 0;
        for (double l2 : LOGISTIC_L2) {
            double[] p = CrossFitting.outOfFoldProbabilities(xv, y, fit, fold, FOLDS, l2);
            double loss = 0;
            for (int i = 0; i < p.length; i++) {
                if (fit[i]) {
                    loss -= Math.log(Math.max(1e-12, y[i] ? p[i] : 1 - p[i]));
                }
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = p;
                bestL2 = l2;
            }
        }
        BinaryLogistic full = CrossFitting.fitOn(xv, y, i -> fit[i], bestL2);
        double[] test = new double[xt.length];
        for (int i = 0; i < xt.length; i++) {
            test[i] = full.probability(xt[i]);
        }
        return new CrossFitted(best, test, bestL2, full);
    }

    /** One table row per threshold rule (best val accuracy, then each in-scope loss budget), chosen on val. */
    private static void printRuleRows(double encodeBelow, String score, Decisions dv, Decisions dt, double[] sv,
                                      double[] st, String auroc) {
        List<String> rules = new ArrayList<>(List.of("accuracy"));
        List<Double> thresholds = new ArrayList<>(List.of(RefusalThresholds.bestAccuracy(sv, dv.outOfScope(),
                dv.answeredRight(), dv.refusedAnyway())));
        for (double loss : LOSSES) {
            rules.add("in-scope-loss<=" + loss);
            thresholds.add(RefusalThresholds.withinLoss(sv, dv.outOfScope(), dv.answeredRight(), loss));
        }
        for (int r = 0; r < rules.size(); r++) {
            double th = thresholds.get(r);
            System.out.printf(Locale.ROOT, "| %.2f | %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %s |%n",
                    encodeBelow, score, rules.get(r), th, dv.inScopeAccuracy(sv, th), dv.oosRecall(sv, th),
                    dt.inScopeAccuracy(st, th), dt.oosRecall(st, th), auroc);
        }
    }

    /**
     * Refusal when only the encoded messages have embedding signals: a message the encoder saw is scored by a
     * regression over the embedding and probability signals, one it did not see (the lexical stage was sure) by a
     * regression over the lexical stage's probability signals, or not at all (only the classifier's own out-of-scope
     * answer refuses it). Both regressions give P(out of scope), so one threshold, chosen on val's out-of-fold scores
     * with the rules of the full table, serves both shares. Fitting variants: each regression on its own share of val
     * (the messages encoded, resp. not encoded, at this operating point), or each on all of val (the embedding
     * regression on the signals with every message encoded, which for a message encoded here are its own).
     */
    private static void mixedRefusal(double encodeBelow, Decisions dv, Decisions dt, Decisions ev, Decisions et,
                                     List<String> summary) {
        boolean[] all = new boolean[dv.size()];
        java.util.Arrays.fill(all, true);
        boolean[] notEncoded = new boolean[dv.size()];
        for (int i = 0; i < notEncoded.length; i++) {
            notEncoded[i] = !dv.encoded()[i];
        }
        double shareV = share(dv.encoded());
        double shareT = share(dt.encoded());
        System.out.printf(Locale.ROOT, "encode_below=%.2f: encoded val %.3f / test %.3f; out-of-scope messages not "
                        + "encoded: val %d of %d (%d answered out_of_scope by the lexical stage), test %d of %d (%d)%n",
                encodeBelow, shareV, shareT, count(dv, false, false), count(dv, true, false) + count(dv, false, false),
                count(dv, false, true), count(dt, false, false), count(dt, true, false) + count(dt, false, false),
                count(dt, false, true));
        String before = String.format(Locale.ROOT, "%.4f / %.4f", dv.inScopeAccuracy(new double[dv.size()], NO_REFUSAL),
                dt.inScopeAccuracy(new double[dt.size()], NO_REFUSAL));
        double[][] lexicalOwn = subsetLogistic(dv, dt, LEXICAL_SIGNALS, notEncoded, SEED);
        double[][] lexicalAll = subsetLogistic(dv, dt, LEXICAL_SIGNALS, all, SEED);
        System.out.println("| encode_below | mixed refusal | threshold rule (val) | threshold | val in-scope "
                + "| val OOS recall | test in-scope | test OOS recall | AUROC val / test |");
        Map<String, int[]> signalSets = new LinkedHashMap<>();
        signalSets.put("all 21", range(0, SIGNALS.size()));
        signalSets.put("19 (no full scan)", WITHOUT_FULL_SCAN);
        signalSets.put("18 (centroids only)", CENTROIDS_ONLY);
        for (Map.Entry<String, int[]> set : signalSets.entrySet()) {
            int[] columns = set.getValue();
            String signals = set.getKey();
            double[][] embeddingOwn = subsetLogistic(ev, et, columns, dv.encoded(), SEED);
            double[][] embeddingAll = subsetLogistic(ev, et, columns, all, SEED);
            Map<String, double[][]> variants = new LinkedHashMap<>();
            variants.put(signals + " | lexical 4, each on its own share of val",
                    combine(dv, dt, embeddingOwn, lexicalOwn));
            variants.put(signals + " | lexical 4, each on all val", combine(dv, dt, embeddingAll, lexicalAll));
            variants.put(signals + " (all val) | never refuse unencoded", combine(dv, dt, embeddingAll, null));
            for (Map.Entry<String, double[][]> e : variants.entrySet()) {
                double[] sv = e.getValue()[0];
                double[] st = e.getValue()[1];
                String auroc = String.format(Locale.ROOT, "%.4f / %.4f", dv.auroc(sv), dt.auroc(st));
                printRuleRows(encodeBelow, e.getKey(), dv, dt, sv, st, auroc);
                double th = RefusalThresholds.withinLoss(sv, dv.outOfScope(), dv.answeredRight(), BUDGET);
                summary.add(String.format(Locale.ROOT, "| %.2f | %s | %.3f / %.3f | %s | %.4f / %.2f | %.4f | %.4f | %s |",
                        encodeBelow, e.getKey(), shareV, shareT, before, dv.inScopeAccuracy(sv, th),
                        dv.oosRecall(sv, th), dt.inScopeAccuracy(st, th), dt.oosRecall(st, th), auroc));
            }
            // The spread over fold seeds of the all-val variant at the budget (read, not chosen on).
            StringBuilder sb = new StringBuilder();
            for (long seed = 1; seed <= 5; seed++) {
                double[][] s = combine(dv, dt, subsetLogistic(ev, et, columns, all, seed),
                        subsetLogistic(dv, dt, LEXICAL_SIGNALS, all, seed));
                double th = RefusalThresholds.withinLoss(s[0], dv.outOfScope(), dv.answeredRight(), BUDGET);
                sb.append(String.format(Locale.ROOT, " %.4f/%.4f", dt.inScopeAccuracy(s[1], th), dt.oosRecall(s[1], th)));
            }
            System.out.printf(Locale.ROOT, "fold seeds 1-5, encode_below=%.2f, %s | lexical 4, each on all val, "
                    + "in-scope-loss<=%s: test in-scope/OOS recall%s%n", encodeBelow, signals, BUDGET, sb);
        }
    }

    private static double share(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return (double) n / Math.max(1, b.length);
    }

    /** Out-of-scope messages that are encoded ({@code encoded}) or not, optionally only those answered out_of_scope. */
    private static int count(Decisions d, boolean encoded, boolean answeredOos) {
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.gold()[i] == d.oosIndex() && d.encoded()[i] == encoded
                    && (!answeredOos || d.answer()[i] == d.oosIndex())) {
                n++;
            }
        }
        return n;
    }

    /**
     * The mixed score: the embedding regression's score for encoded messages, the lexical one's for the others
     * ({@code lexical} null: minus infinity, never refused by the score).
     */
    private static double[][] combine(Decisions dv, Decisions dt, double[][] embedding, double[][] lexical) {
        double[][] out = new double[2][];
        Decisions[] d = {dv, dt};
        for (int k = 0; k < 2; k++) {
            out[k] = new double[d[k].size()];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = d[k].encoded()[i] ? embedding[k][i]
                        : lexical == null ? Double.NEGATIVE_INFINITY : lexical[k][i];
            }
        }
        return out;
    }

    /**
     * As {@link #logistic}, the regression fitted on the val rows {@code fit} only (out of fold: each val row scored
     * by the regression fitted on the {@code fit} rows of the other folds; the L2 strength of lowest out-of-fold log
     * loss over the {@code fit} rows); every val and test row gets a score. With fewer than {@link #MIN_POSITIVES}
     * out-of-scope rows to fit on: minus infinity everywhere (no refusal by the score).
     */
    private static double[][] subsetLogistic(Decisions dv, Decisions dt, int[] columns, boolean[] fit, long seed) {
        boolean[] y = dv.outOfScope();
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            positives += fit[i] && y[i] ? 1 : 0;
        }
        if (positives < MIN_POSITIVES) {
            double[][] none = {new double[dv.size()], new double[dt.size()]};
            java.util.Arrays.fill(none[0], Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(none[1], Double.NEGATIVE_INFINITY);
            return none;
        }
        CrossFitted fitted = crossFitted(dv, dt, columns, fit, seed);
        return new double[][]{fitted.val(), fitted.test()};
    }

    /**
     * What the refusal signals would cost the service per encoded message, on this thread's CPU
     * ({@link ThreadMXBean}): the variant without the full neighbour scan (the predicted intent's examples, the
     * centroids, the whitening, the oos_train examples, the regression's 19 multiply-adds) against the full one.
     * Not counted: the encoder and the two stages' probabilities, which the cascade computes anyway.
     */
    private static void signalCost(Decisions et, List<float[]> embeddings, EmbeddingNeighbourhood neighbourhood,
                                   EmbeddingNeighbourhood oosNeighbourhood) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = Math.min(2000, et.size());
        double[] weights = new double[WITHOUT_FULL_SCAN.length];
        java.util.Arrays.fill(weights, 0.1);
        double sink = 0;
        int mismatches = 0;
        long[] cpu = new long[3];
        for (int pass = 0; pass < 4; pass++) {
            boolean measured = pass >= 2;
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                float[] x = embeddings.get(i);
                EmbeddingNeighbourhood.Signals cheap = neighbourhood.signalsWithoutScan(x, et.predicted()[i]);
                double oos = oosNeighbourhood.nearestCosine(x);
                double[] row = et.signals()[i];
                double z = 0;
                for (int j = 0; j < WITHOUT_FULL_SCAN.length; j++) {
                    z += weights[j] * row[WITHOUT_FULL_SCAN[j]];
                }
                sink += cheap.centroidOfPredicted() + cheap.mahalanobisNearest() + oos + 1 / (1 + Math.exp(-z));
                if (!measured && (cheap.nearestOfPredicted() != row[column("nearest_of_predicted")]
                        || Math.log(cheap.mahalanobisOfPredicted()) != row[column("mahalanobis_of_predicted")]
                        || oos != row[column("nearest_oos_train")])) {
                    mismatches++;
                }
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                float[] x = embeddings.get(i);
                EmbeddingNeighbourhood.Signals near = neighbourhood.signals(x, et.predicted()[i]);
                sink += near.nearest() + oosNeighbourhood.nearestCosine(x);
            }
            long c2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                float[] x = embeddings.get(i);
                EmbeddingNeighbourhood.Signals cheap = neighbourhood.signalsFromCentroids(x, et.predicted()[i]);
                double[] row = et.signals()[i];
                double z = 0;
                for (int j = 0; j < CENTROIDS_ONLY.length; j++) {
                    z += weights[j] * row[CENTROIDS_ONLY[j]];
                }
                sink += cheap.centroidOfPredicted() + cheap.mahalanobisNearest() + oosNeighbourhood.nearestCosine(x)
                        + 1 / (1 + Math.exp(-z));
            }
            long c3 = threads.getCurrentThreadCpuTime();
            if (measured) {
                cpu[0] += c1 - c0;
                cpu[1] += c2 - c1;
                cpu[2] += c3 - c2;
            }
        }
        System.out.printf(Locale.ROOT, "refusal signals per encoded message, thread CPU (2 passes over the first %d "
                        + "test messages after 2 warm-up passes): without the full scan %d µs, with it %d µs, centroids only %d µs "
                        + "(%d mismatches against the stored signals; checksum %.1f)%n", n,
                cpu[0] / 2 / n / 1000, cpu[1] / 2 / n / 1000, cpu[2] / 2 / n / 1000, mismatches, sink);
    }

    /** The stage outputs of a list of messages. */
    record Messages(List<LabeledText> examples, int[] gold, List<double[]> lexical, List<float[]> embeddings) {
        static Messages of(IntentModel model, List<LabeledText> examples, EmbeddingCache cache, List<String> intents) {
            List<double[]> lex = new ArrayList<>();
            List<float[]> emb = new ArrayList<>();
            int[] gold = new int[examples.size()];
            for (int i = 0; i < examples.size(); i++) {
                lex.add(model.lexicalRaw(examples.get(i).text()));
                emb.add(cache.apply(examples.get(i).text()));
                gold[i] = intents.indexOf(examples.get(i).intent());
            }
            return new Messages(examples, gold, lex, emb);
        }
    }

    /** The cascade's answers to a list of messages and the signals about each. */
    record Decisions(int[] gold, int[] answer, int[] predicted, boolean[] encoded, int oosIndex, double[][] signals) {

        /** Embedding signals not computed (NaN). */
        private static final EmbeddingNeighbourhood.Signals NONE = new EmbeddingNeighbourhood.Signals(Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Decisions of(IntentModel model, IntentModel.Cascade cascade, Messages m,
                            EmbeddingNeighbourhood neighbourhood, EmbeddingNeighbourhood oosNeighbourhood,
                            int oosIndex) {
            int n = m.gold().length;
            int[] answer = new int[n];
            int[] predictedIntent = new int[n];
            boolean[] encoded = new boolean[n];
            double[][] signals = new double[n][];
            long neighbourNanos = 0;
            for (int i = 0; i < n; i++) {
                IntentModel.Scored scored = model.score(m.lexical().get(i), m.embeddings().get(i), cascade);
                double[] fused = scored.probabilities();
                encoded[i] = scored.encoded();
                double[] dense = cascade.dense().probabilities(m.embeddings().get(i));
                double[] lexical = IntentModel.applyTemperature(m.lexical().get(i), model.info().temperature());
                answer[i] = argmax(fused, -1);
                int predicted = argmax(fused, oosIndex);
                predictedIntent[i] = predicted;
                EmbeddingNeighbourhood.Signals near = NONE;
                EmbeddingNeighbourhood.Signals nearOos = NONE;
                if (neighbourhood != null) {
                    long start = System.nanoTime();
                    near = neighbourhood.signals(m.embeddings().get(i), predicted);
                    nearOos = oosNeighbourhood.signals(m.embeddings().get(i), 0);
                    neighbourNanos += System.nanoTime() - start;
                }
                signals[i] = signalsOf(fused, dense, lexical, oosIndex, near, nearOos);
            }
            if (neighbourhood != null) {
                System.out.printf(Locale.ROOT, "neighbourhood signals: %d µs per message (one thread, wall clock)%n",
                        neighbourNanos / Math.max(1, n) / 1000);
            }
            return new Decisions(m.gold(), answer, predictedIntent, encoded, oosIndex, signals);
        }

        int size() {
            return gold.length;
        }

        boolean[] outOfScope() {
            boolean[] o = new boolean[gold.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = gold[i] == oosIndex;
            }
            return o;
        }

        boolean[] answeredRight() {
            boolean[] r = new boolean[gold.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = gold[i] != oosIndex && answer[i] == gold[i];
            }
            return r;
        }

        boolean[] refusedAnyway() {
            boolean[] r = new boolean[gold.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = answer[i] == oosIndex;
            }
            return r;
        }

        double[] scores(ToDoubleFunction<double[]> score) {
            double[] s = new double[signals.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = score.applyAsDouble(signals[i]);
            }
            return s;
        }

        double[][] signalColumns(int[] columns) {
            double[][] x = new double[signals.length][columns.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < columns.length; j++) {
                    x[i][j] = signals[i][columns[j]];
                }
            }
            return x;
        }

        /** In-scope accuracy when messages scoring at least {@code threshold} are refused. */
        double inScopeAccuracy(double[] score, double threshold) {
            int n = 0;
            int right = 0;
            for (int i = 0; i < gold.length; i++) {
                if (gold[i] != oosIndex) {
                    n++;
                    right += answer[i] == gold[i] && score[i] < threshold ? 1 : 0;
                }
            }
            return (double) right / Math.max(1, n);
        }

        double oosRecall(double[] score, double threshold) {
            int n = 0;
            int refused = 0;
            for (int i = 0; i < gold.length; i++) {
                if (gold[i] == oosIndex) {
                    n++;
                    refused += answer[i] == oosIndex || score[i] >= threshold ? 1 : 0;
                }
            }
            return (double) refused / Math.max(1, n);
        }

        /** Probability that an out-of-scope message scores above an in-scope one (ties count half). */
        double auroc(double[] score) {
            boolean[] out = outOfScope();
            Integer[] order = java.util.stream.IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(k -> score[k]));
            double rankSum = 0;
            long positives = 0;
            int i = 0;
            while (i < order.length) {
                int j = i;
                while (j < order.length && score[order[j]] == score[order[i]]) {
                    j++;
                }
                double meanRank = (i + j + 1) / 2.0; // ranks i+1 .. j
                for (int k = i; k < j; k++) {
                    if (out[order[k]]) {
                        rankSum += meanRank;
                        positives++;
                    }
                }
                i = j;
            }
            long negatives = score.length - positives;
            return (rankSum - positives * (positives + 1) / 2.0) / Math.max(1, positives * negatives);
        }
    }

    static double[] signalsOf(double[] fused, double[] dense, double[] lexical, int oosIndex,
                            EmbeddingNeighbourhood.Signals near, EmbeddingNeighbourhood.Signals nearOos) {
        double[] signals = java.util.Arrays.copyOf(
                OutOfScopeRefusal.probabilitySignals(fused, dense, lexical, oosIndex), SIGNALS.size());
        int k = PROBABILITY_SIGNALS;
        signals[k++] = near.nearest();
        signals[k++] = near.meanNearestK();
        signals[k++] = near.nearestOfPredicted();
        signals[k++] = near.centroidOfPredicted();
        signals[k++] = near.bestCentroid();
        signals[k++] = Math.log(near.mahalanobisNearest());
        signals[k++] = Math.log(near.mahalanobisOfPredicted());
        signals[k] = nearOos.nearest();
        return signals;
    }
}
