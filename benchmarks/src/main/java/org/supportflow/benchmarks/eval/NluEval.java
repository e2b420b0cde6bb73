package org.supportflow.benchmarks.eval;

import org.supportflow.nlu.classify.Calibration;
import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.FeatureSet;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.OperatingPoint;
import org.supportflow.nlu.classify.OutOfScopeRefusal;
import org.supportflow.nlu.classify.TrainerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Trains the NLU's intent cascade (lexical maxent stage + MiniLM softmax stage, see {@code IntentModel})
 * on a public data set's training split and reports on its test split, at every operating point of the
 * cascade: {@code encode_below} is the lexical stage's best probability under which a message goes to the
 * encoder (0 = lexical stage only, 1.01 = every message encoded). Usage: {@code NluEval
 * <banking77|clinc150> [--features w2,c2-5,d1] [--l2 0.01] [--min-df 1] [--threads 2] [--no-oos-class]
 * [--alpha A] [--dense-iterations N] [--dense-l2 X|auto] [--encode-below T] [--refusal-loss L] [--repo-root DIR]}.
 * CLINC150: the fusion weight, fused temperature and refusal threshold are chosen on val + oos_val only.
 * Sentence embeddings are cached under {@code benchmarks/target/embeddings}. The last line is
 * {@code dataset=<name> accuracy=<0..1> macro_f1=<0..1>[ oos_recall=<0..1>] encoded=<share>} at the
 * default operating point (the service's defaults, {@link TrainerConfig.CascadeConfig#DEFAULT}).
 */
public final class NluEval {

    /** English benchmark sets: words, characters and the MiniLM stage (morphemes only fire on Hangul). */
    static final FeatureSet BENCHMARK_FEATURES = FeatureSet.parse("w2,c2-5,d1");

    static final double[] ENCODE_BELOW = {0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.01};
    static final double[] FUSION_WEIGHTS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    static final double[] TEMPERATURES = {0.25, 0.33, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0,
        2.5, 3.0, 4.0};
    static final double[] REFUSAL_LOSSES = {-1, 0.005, 0.01, 0.015, 0.02, 0.03};

    private NluEval() {
    }

    /** The lexical settings the benchmark trains with by default (no calibration slice: val chooses instead). */
    static TrainerConfig benchmarkConfig() {
        return TrainerConfig.DEFAULT.withFeatures(BENCHMARK_FEATURES).withCalibration(false)
                .withL2(0.01).withThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: NluEval <banking77|clinc150> [options, see the class comment]");
            System.exit(2);
        }
        String dataset = args[0];
        TrainerConfig config = benchmarkConfig();
        TrainerConfig.CascadeConfig cascade = config.cascade();
        boolean oosClass = true;
        Double alpha = null;
        double refusalLoss = cascade.refusal().maxInScopeLoss();
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--features" -> config = config.withFeatures(FeatureSet.parse(args[++i]));
                case "--l2" -> config = config.withL2(Double.parseDouble(args[++i]));
                case "--min-df" -> config = config.withMinDf(Integer.parseInt(args[++i]));
                case "--threads" -> config = config.withThreads(Integer.parseInt(args[++i]));
                case "--oos-class" -> oosClass = true;
                case "--no-oos-class" -> oosClass = false;
                case "--alpha" -> alpha = Double.parseDouble(args[++i]);
                case "--dense-iterations" -> cascade = cascade.withIterations(Integer.parseInt(args[++i]));
                case "--dense-l2" -> {
                    String value = args[++i];
                    cascade = cascade.withL2(value.equals("auto") ? TrainerConfig.CascadeConfig.CHOOSE_L2
                            : Double.parseDouble(value));
                }
                case "--encode-below" -> cascade = cascade.withEncodeBelow(Double.parseDouble(args[++i]));
                case "--refusal-loss" -> refusalLoss = Double.parseDouble(args[++i]);
                case "--repo-root" -> repoRoot = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (alpha != null) {
            cascade = cascade.withFusionWeight(alpha);
        }
        config = config.withCascade(cascade);
        Path root = Datasets.root(repoRoot);
        if (!Files.isDirectory(root.resolve(dataset.equals("clinc150") ? "clinc150" : "banking77"))) {
            System.out.println("SKIPPED: data set folder not found under " + root
                    + " (set SUPPORTFLOW_DATASETS to the folder that holds banking77/ and clinc150/)");
            return;
        }
        System.out.printf(Locale.ROOT, "config: features=%s l2=%.3f minDf=%d threads=%d oosClass=%s dense_iterations=%d "
                        + "dense_l2=%s alpha=%s encode_below=%.2f refusal=%s%n",
                config.features().describe(), config.l2Cost(), config.minDf(), config.threads(), oosClass,
                cascade.iterations(), cascade.choosesL2() ? "auto (calibration slice)" : Double.toString(cascade.l2()),
                alpha == null ? "val" : alpha.toString(), cascade.encodeBelow(),
                Calibration.Rule.withinLoss(refusalLoss).describe());
        EmbeddingCache cache = new EmbeddingCache(repoRoot.resolve("benchmarks/target/embeddings/" + dataset + ".bin"));
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            IntentTrainer trainer = new IntentTrainer(morphemes, cache);
            switch (dataset) {
                case "banking77" -> banking77(root, trainer, config, cache, repoRoot, morphemes);
                case "clinc150" -> clinc150(root, trainer, config, cache, oosClass, alpha, refusalLoss, repoRoot, morphemes);
                default -> throw new IllegalArgumentException("unknown data set " + dataset);
            }
        }
    }

    /** The two stages' outputs for a list of messages, computed once. */
    private record Stages(List<LabeledText> examples, List<double[]> lexical, List<float[]> embeddings) {
        static Stages of(IntentModel model, List<LabeledText> examples, EmbeddingCache cache) {
            List<double[]> lex = new ArrayList<>(examples.size());
            List<float[]> emb = new ArrayList<>(examples.size());
            for (LabeledText e : examples) {
                lex.add(model.lexicalRaw(e.text()));
                emb.add(cache.apply(e.text()));
            }
            cache.save();
            return new Stages(examples, lex, emb);
        }

        List<String> gold() {
            return examples.stream().map(LabeledText::intent).toList();
        }
    }

    private record Outcome(Evaluation eval, double encoded, List<double[]> probabilities) {
    }

    private static Outcome run(IntentModel model, Stages s, IntentModel.Cascade c, double threshold) {
        return run(model, s, c, scored -> threshold);
    }

    /** The cascade's decisions on {@code s}, each refused below the threshold {@code threshold} gives it. */
    private static Outcome run(IntentModel model, Stages s, IntentModel.Cascade c,
                               ToDoubleFunction<IntentModel.Scored> threshold) {
        Evaluation eval = new Evaluation();
        int encoded = 0;
        List<double[]> probabilities = new ArrayList<>(s.examples().size());
        for (int i = 0; i < s.examples().size(); i++) {
            IntentModel.Scored scored = model.score(s.lexical().get(i), s.embeddings().get(i), c);
            probabilities.add(scored.probabilities());
            if (scored.encoded()) {
                encoded++;
            }
            eval.add(s.examples().get(i).intent(),
                    model.decide(scored.probabilities(), 1, threshold.applyAsDouble(scored)).intent());
        }
        return new Outcome(eval, (double) encoded / Math.max(1, s.examples().size()), probabilities);
    }

    private static double denseOnlyAccuracy(IntentModel model, Stages s) {
        IntentModel.Cascade c = model.cascade().orElseThrow();
        int right = 0;
        int n = 0;
        for (int i = 0; i < s.examples().size(); i++) {
            if (Datasets.OOS.equals(s.examples().get(i).intent()) || s.embeddings().get(i) == null) {
                continue;
            }
            double[] p = c.dense().probabilities(s.embeddings().get(i));
            int best = IntentModel.argmax(p);
            n++;
            if (model.intents().get(best).equals(s.examples().get(i).intent())) {
                right++;
            }
        }
        return (double) right / Math.max(1, n);
    }

    private static void banking77(Path root, IntentTrainer trainer, TrainerConfig config, EmbeddingCache cache,
                                  Path repoRoot, KoreanMorphemes morphemes)
            throws Exception {
        List<LabeledText> train = Datasets.banking77(root, "train");
        List<LabeledText> test = Datasets.banking77(root, "test");
        IntentModel model = timedTrain(trainer, train, config, repoRoot, morphemes);
        Stages s = Stages.of(model, test, cache);
        IntentModel.Cascade base = model.cascade().orElse(null);
        System.out.printf(Locale.ROOT, "train=%d test=%d features=%s encoder_stage_alone=%.4f alpha=%.2f "
                        + "(fixed: BANKING77 has no validation split) mean_encode_us=%d%n", train.size(), test.size(),
                config.features().describe(), base == null ? 0 : denseOnlyAccuracy(model, s),
                config.cascade().fusionWeight(), cache.meanEncodeMicros());
        System.out.println("| encode_below | encoded | accuracy | macro F1 |");
        Outcome chosen = null;
        for (double t : ENCODE_BELOW) {
            Outcome o = run(model, s, base == null ? null : base.with(base.fusionWeight(), 1.0, 0, t), 0.0);
            System.out.printf(Locale.ROOT, "| %.2f | %.3f | %.4f | %.4f |%n", t, o.encoded(), o.eval().accuracy(),
                    o.eval().macroF1());
        }
        chosen = run(model, s, base == null ? null : base.with(base.fusionWeight(), 1.0, 0,
                config.cascade().encodeBelow()), 0.0);
        System.out.print(topConfusionsOnly(chosen.eval()));
        System.out.printf(Locale.ROOT, "dataset=banking77 accuracy=%.4f macro_f1=%.4f encoded=%.3f%n",
                chosen.eval().accuracy(), chosen.eval().macroF1(), chosen.encoded());
    }

    private static void clinc150(Path root, IntentTrainer trainer, TrainerConfig config, EmbeddingCache cache,
                                 boolean oosClass, Double alpha, double refusalLoss, Path repoRoot,
                                 KoreanMorphemes morphemes) throws Exception {
        Map<String, List<LabeledText>> splits = Datasets.clinc150(root);
        List<LabeledText> train = new ArrayList<>(splits.get("train"));
        if (oosClass) {
            train.addAll(splits.get("oos_train"));
        }
        IntentModel model = timedTrain(trainer, train, config, repoRoot, morphemes);
        List<LabeledText> val = new ArrayList<>(splits.get("val"));
        val.addAll(splits.get("oos_val"));
        List<LabeledText> test = new ArrayList<>(splits.get("test"));
        test.addAll(splits.get("oos_test"));
        Stages sv = Stages.of(model, val, cache);
        Stages st = Stages.of(model, test, cache);
        IntentModel.Cascade base = model.cascade().orElse(null);

        double lexicalTemperature = chooseLexicalTemperature(model, val, sv.lexical());
        IntentModel.ModelInfo mi = model.info();
        model = model.withInfo(new IntentModel.ModelInfo(mi.version(), mi.features(), lexicalTemperature,
                mi.oosThreshold(), mi.metadata()));
        System.out.printf(Locale.ROOT, "lexical_temperature=%.2f (chosen on val)%n", lexicalTemperature);
        double a = config.cascade().fusionWeight();
        double temperature = 1.0;
        if (base != null) {
            double[] fusion = chooseFusion(model, base, val, sv.lexical(), sv.embeddings(), alpha);
            a = fusion[0];
            temperature = fusion[1];
        }
        System.out.printf(Locale.ROOT, "train=%d val=%d test=%d alpha=%.2f fused_temperature=%.2f (chosen on val) "
                        + "encoder_stage_alone_in_scope=%.4f mean_encode_us=%d%n", train.size(), val.size(), test.size(),
                a, temperature, base == null ? 0 : denseOnlyAccuracy(model, st), cache.meanEncodeMicros());
        System.out.println("| encode_below | refusal rule (on val) | threshold | encoded (test) | in-scope acc | OOS recall "
                + "| macro F1 |");
        Outcome chosen = null;
        double chosenThreshold = 0;
        for (double tau : ENCODE_BELOW) {
            IntentModel.Cascade c = base == null ? null : base.with(a, temperature, 0, tau);
            Outcome onVal = run(model, sv, c, 0.0);
            for (double loss : REFUSAL_LOSSES) {
                Calibration.Rule rule = Calibration.Rule.withinLoss(loss);
                double threshold = rule.choose(onVal.probabilities(), sv.gold(), model.intents());
                Outcome o = run(model, st, c, threshold);
                System.out.printf(Locale.ROOT, "| %.2f | %s | %.3f | %.3f | %.4f | %.4f | %.4f |%n", tau,
                        rule.describe(), threshold, o.encoded(),
                        o.eval().accuracyWhereGold(g -> !Datasets.OOS.equals(g)),
                        o.eval().accuracyWhereGold(Datasets.OOS::equals), o.eval().macroF1());
                if (tau == config.cascade().encodeBelow() && loss == refusalLoss) {
                    chosen = o;
                    chosenThreshold = threshold;
                }
            }
        }
        if (chosen == null) {
            IntentModel.Cascade c = base == null ? null : base.with(a, temperature, 0, config.cascade().encodeBelow());
            Outcome onVal = run(model, sv, c, 0.0);
            chosenThreshold = Calibration.Rule.withinLoss(refusalLoss).choose(onVal.probabilities(), sv.gold(),
                    model.intents());
            chosen = run(model, st, c, chosenThreshold);
        }
        System.out.print(topConfusionsOnly(chosen.eval()));
        System.out.printf(Locale.ROOT, "threshold=%.4f (chosen on val+oos_val) overall_accuracy=%.4f%n",
                chosenThreshold, chosen.eval().accuracy());
        System.out.printf(Locale.ROOT, "fused threshold at encode_below=%.2f: accuracy=%.4f macro_f1=%.4f "
                        + "oos_recall=%.4f encoded=%.3f%n", config.cascade().encodeBelow(),
                chosen.eval().accuracyWhereGold(g -> !Datasets.OOS.equals(g)), chosen.eval().macroF1(),
                chosen.eval().accuracyWhereGold(Datasets.OOS::equals), chosen.encoded());
        if (base != null) {
            Outcome service = serviceRefusal(model, base.with(a, temperature, 0, 1.01), train, cache, sv, st,
                    config.cascade());
            System.out.print(topConfusionsOnly(service.eval()));
            chosen = service;
        }
        System.out.printf(Locale.ROOT, "dataset=clinc150 accuracy=%.4f macro_f1=%.4f oos_recall=%.4f encoded=%.3f%n",
                chosen.eval().accuracyWhereGold(g -> !Datasets.OOS.equals(g)), chosen.eval().macroF1(),
                chosen.eval().accuracyWhereGold(Datasets.OOS::equals), chosen.encoded());
    }

    /**
     * The service's refusal of encoded messages ({@link OutOfScopeRefusal}) at each operating point: fitted on
     * val + oos_val as the trainer fits it on its calibration slice (references: the training examples; the
     * regression on every val message, the threshold on the ones encoded at that point), applied to test. Returns
     * the outcome at the operating point the service's trainer would choose on val ({@link OperatingPoint}, from
     * the configured floor, with the thresholds of best val accuracy): what the service does with this data.
     */
    private static Outcome serviceRefusal(IntentModel model, IntentModel.Cascade every, List<LabeledText> train,
                                          EmbeddingCache cache, Stages sv, Stages st,
                                          TrainerConfig.CascadeConfig cascade) {
        int oos = model.intents().indexOf(Datasets.OOS);
        List<float[]> trainEmbeddings = new ArrayList<>(train.size());
        List<String> trainIntents = new ArrayList<>(train.size());
        for (LabeledText example : train) {
            trainEmbeddings.add(cache.apply(example.text()));
            trainIntents.add(example.intent());
        }
        OutOfScopeRefusal.References references = OutOfScopeRefusal.References.of(trainEmbeddings, trainIntents,
                model.intents());
        List<double[]> signals = new ArrayList<>(sv.examples().size());
        List<Integer> fusedAnswer = new ArrayList<>(sv.examples().size());
        List<double[]> lexicalVal = new ArrayList<>(sv.examples().size());
        List<double[]> fusedVal = new ArrayList<>(sv.examples().size());
        for (int i = 0; i < sv.examples().size(); i++) {
            double[] lexical = IntentModel.applyTemperature(sv.lexical().get(i), model.info().temperature());
            double[] dense = every.dense().probabilities(sv.embeddings().get(i));
            double[] fused = model.score(sv.lexical().get(i), sv.embeddings().get(i), every).probabilities();
            signals.add(OutOfScopeRefusal.signals(fused, dense, lexical, sv.embeddings().get(i), oos, references));
            fusedAnswer.add(IntentModel.argmax(fused));
            lexicalVal.add(lexical);
            fusedVal.add(fused);
        }
        Map<String, String> pointMeta = new java.util.LinkedHashMap<>();
        double servicePoint = OperatingPoint.choose(cascade.encodeBelow(), lexicalVal,
                cascade.refusal().choose(lexicalVal, sv.gold(), model.intents()), fusedVal,
                cascade.refusal().choose(fusedVal, sv.gold(), model.intents()), sv.gold(), model.intents(), pointMeta);
        System.out.printf(Locale.ROOT, "operating point the service's trainer would choose on val: %.2f (val accuracy "
                + "per candidate: %s)%n", servicePoint, pointMeta.get("calibration.encodeBelowAccuracy"));
        System.out.println("service refusal of encoded messages (OutOfScopeRefusal, fitted on val + oos_val):");
        System.out.println("| encode_below | refusal on val | threshold | encoded (test) | in-scope acc | OOS recall |");
        Outcome atServicePoint = null;
        double[] points = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(servicePoint),
                java.util.stream.DoubleStream.of(0.7, 0.8, 0.9, 0.95, 0.98, 1.01)).distinct().sorted().toArray();
        for (double tau : points) {
            IntentModel.Cascade c = every.with(every.fusionWeight(), every.temperature(), 0, tau);
            List<OutOfScopeRefusal.SliceMessage> slice = new ArrayList<>();
            for (int i = 0; i < sv.examples().size(); i++) {
                double[] lexical = lexicalVal.get(i);
                boolean encoded = IntentModel.max(lexical) < tau;
                int answer = encoded ? fusedAnswer.get(i) : IntentModel.argmax(lexical);
                String gold = sv.examples().get(i).intent();
                boolean outOfScope = Datasets.OOS.equals(gold);
                slice.add(new OutOfScopeRefusal.SliceMessage(signals.get(i), outOfScope,
                        !outOfScope && model.intents().get(answer).equals(gold), encoded));
            }
            Map<String, String> meta = new java.util.LinkedHashMap<>();
            OutOfScopeRefusal refusal = OutOfScopeRefusal.fit(slice, references, oos, OutOfScopeRefusal.IN_SCOPE_LOSS,
                    TrainerConfig.DEFAULT.seed(), meta);
            Outcome o = run(model.withRefusal(refusal), st, c, IntentModel.Scored::threshold);
            Evaluation eval = o.eval();
            if (tau == servicePoint) {
                atServicePoint = o;
                // The folds the threshold is chosen on are drawn at random: how much does the figure move with them?
                StringBuilder spread = new StringBuilder();
                for (long seed = 1; seed <= 5; seed++) {
                    Outcome s = run(model.withRefusal(OutOfScopeRefusal.fit(slice, references, oos,
                            OutOfScopeRefusal.IN_SCOPE_LOSS, seed, new java.util.HashMap<>())), st, c,
                            IntentModel.Scored::threshold);
                    spread.append(String.format(Locale.ROOT, " %.4f/%.4f",
                            s.eval().accuracyWhereGold(g -> !Datasets.OOS.equals(g)),
                            s.eval().accuracyWhereGold(Datasets.OOS::equals)));
                }
                System.out.printf(Locale.ROOT, "at %.2f with fold seeds 1-5 (in scope/OOS recall):%s%n", tau, spread);
            }
            System.out.printf(Locale.ROOT, "| %.2f%s | %s | %.4f | %.3f | %.4f | %.4f |%n", tau,
                    tau == servicePoint ? " (service's choice)" : "", meta.get("refusal"),
                    refusal == null ? Double.NaN : refusal.threshold(), o.encoded(),
                    eval.accuracyWhereGold(g -> !Datasets.OOS.equals(g)), eval.accuracyWhereGold(Datasets.OOS::equals));
        }
        return atServicePoint;
    }

    /** The lexical stage's temperature of minimum log loss on {@code val} (as the service's calibration does). */
    static double chooseLexicalTemperature(IntentModel model, List<LabeledText> val, List<double[]> lexicalRaw) {
        double lexicalTemperature = 1.0;
        double bestLexLoss = Double.MAX_VALUE;
        for (double lt : TEMPERATURES) {
            double loss = 0;
            for (int i = 0; i < val.size(); i++) {
                int g = model.intents().indexOf(val.get(i).intent());
                double[] p = IntentModel.applyTemperature(lexicalRaw.get(i), lt);
                loss -= Math.log(Math.max(p[g], 1e-12));
            }
            if (loss < bestLexLoss) {
                bestLexLoss = loss;
                lexicalTemperature = lt;
            }
        }
        return lexicalTemperature;
    }

    /**
     * The fusion weight ({@code alpha} when given) and fused temperature of minimum log loss on {@code val}, every
     * message fused: {@code {alpha, temperature}}.
     */
    static double[] chooseFusion(IntentModel model, IntentModel.Cascade base, List<LabeledText> val,
                                 List<double[]> lexicalRaw, List<float[]> embeddings, Double alpha) {
        double a = base.fusionWeight();
        double temperature = 1.0;
        double bestLoss = Double.MAX_VALUE;
        for (double wa : alpha != null ? new double[]{alpha} : FUSION_WEIGHTS) {
            for (double ft : TEMPERATURES) {
                IntentModel.Cascade c = base.with(wa, ft, 0, 1.01);
                double loss = 0;
                for (int i = 0; i < val.size(); i++) {
                    int g = model.intents().indexOf(val.get(i).intent());
                    double[] p = model.score(lexicalRaw.get(i), embeddings.get(i), c).probabilities();
                    loss -= Math.log(Math.max(p[g], 1e-12));
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    a = wa;
                    temperature = ft;
                }
            }
        }
        return new double[]{a, temperature};
    }

    /** The cache key of the lexical stage trained on {@code train} with {@code config} (its lexical settings). */
    static String modelKey(List<LabeledText> train, TrainerConfig config) {
        return Integer.toHexString(java.util.Objects.hash(train.size(), train.hashCode(),
                config.features().describe(), config.l2Cost(), config.minDf(), config.iterations()));
    }

    /**
     * Trains the cascade, or loads the one an earlier run stored for the same data and lexical settings
     * (under {@code benchmarks/target/eval-models}) and trains only its encoder stage again.
     */
    static IntentModel timedTrain(IntentTrainer trainer, List<LabeledText> train, TrainerConfig config,
                                          Path repoRoot, KoreanMorphemes morphemes) {
        long start = System.nanoTime();
        String key = modelKey(train, config);
        ModelStore store = new ModelStore(repoRoot.resolve("benchmarks/target/eval-models"));
        IntentModel model;
        if (store.info(key).isPresent()) {
            model = trainer.retrainEncoderStage(store.load(key, morphemes), train, config);
            System.out.printf(Locale.ROOT, "lexical stage loaded (%s), encoder stage trained in %.1f s%n", key,
                    (System.nanoTime() - start) / 1e9);
        } else {
            model = trainer.train(train, config, key, Map.of());
            store.save(model);
            System.out.printf(Locale.ROOT, "trained on %d examples in %.1f s%n", train.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        Map<String, String> meta = model.info().metadata();
        if (meta.containsKey("dense.l2")) {
            System.out.printf(Locale.ROOT, "encoder stage: l2=%s iterations=%s fit_ms=%s; l2 choice on the calibration "
                            + "slice (%s examples, accuracy per candidate): %s in %s ms%n", meta.get("dense.l2"),
                    meta.get("dense.iterations"), meta.get("dense.trainingMillis"),
                    meta.getOrDefault("dense.l2.heldExamples", "-"), meta.getOrDefault("dense.l2.heldAccuracy", "fixed"),
                    meta.getOrDefault("dense.l2.choiceMillis", "-"));
        }
        return model;
    }

    private static String topConfusionsOnly(Evaluation eval) {
        StringBuilder sb = new StringBuilder("top confusions (gold -> predicted x count):\n");
        for (Evaluation.Confusion c : eval.topConfusions(8)) {
            sb.append(String.format(Locale.ROOT, "  %s -> %s x%d%n", c.gold(), c.predicted(), c.count()));
        }
        return sb.toString();
    }
}
