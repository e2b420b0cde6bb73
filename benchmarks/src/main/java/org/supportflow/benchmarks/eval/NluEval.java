package org.supportflow.benchmarks.eval;

import org.supportflow.nlu.classify.Calibration;
import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.FeatureSet;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentPrediction;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.TrainerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the NLU's intent classifier on a public data set's training split and reports on its test
 * split. Usage: {@code NluEval <banking77|clinc150> [--features w2,c2-5] [--l2 0.5] [--min-df 1]
 * [--threads 2] [--oos-class] [--repo-root DIR]}. The last line is
 * {@code dataset=<name> accuracy=<0..1> macro_f1=<0..1>[ oos_recall=<0..1>]}.
 */
public final class NluEval {

    /** English benchmark sets: words, characters and the MiniLM embedding (morphemes only fire on Hangul). */
    static final FeatureSet BENCHMARK_FEATURES = FeatureSet.parse("w2,c2-5,d1");

    private NluEval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: NluEval <banking77|clinc150> [--features w2,c2-5] [--l2 X] [--min-df N]"
                    + " [--threads N] [--oos-class] [--repo-root DIR]");
            System.exit(2);
        }
        String dataset = args[0];
        TrainerConfig config = TrainerConfig.DEFAULT.withFeatures(BENCHMARK_FEATURES).withCalibration(false)
                .withL2(0.01).withThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        boolean oosClass = false;
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--features" -> config = config.withFeatures(FeatureSet.parse(args[++i]));
                case "--l2" -> config = config.withL2(Double.parseDouble(args[++i]));
                case "--min-df" -> config = config.withMinDf(Integer.parseInt(args[++i]));
                case "--threads" -> config = config.withThreads(Integer.parseInt(args[++i]));
                case "--oos-class" -> oosClass = true;
                case "--repo-root" -> repoRoot = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Datasets.root(repoRoot);
        if (!Files.isDirectory(root.resolve(dataset.equals("clinc150") ? "clinc150" : "banking77"))) {
            System.out.println("SKIPPED: data set folder not found under " + root
                    + " (set SUPPORTFLOW_DATASETS to the folder that holds banking77/ and clinc150/)");
            return;
        }
        System.out.printf(Locale.ROOT, "config: features=%s l2=%.3f minDf=%d threads=%d oosClass=%s%n",
                config.features().describe(), config.l2Cost(), config.minDf(), config.threads(), oosClass);
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            IntentTrainer trainer = new IntentTrainer(morphemes);
            switch (dataset) {
                case "banking77" -> banking77(root, trainer, config);
                case "clinc150" -> clinc150(root, trainer, config, oosClass);
                default -> throw new IllegalArgumentException("unknown data set " + dataset);
            }
        }
    }

    private static void banking77(Path root, IntentTrainer trainer, TrainerConfig config) throws Exception {
        List<LabeledText> train = Datasets.banking77(root, "train");
        List<LabeledText> test = Datasets.banking77(root, "test");
        IntentModel model = timedTrain(trainer, train, config);
        Evaluation eval = new Evaluation();
        long start = System.nanoTime();
        for (LabeledText example : test) {
            eval.add(example.intent(), model.classify(example.text(), 1).intent());
        }
        long perMessage = (System.nanoTime() - start) / Math.max(1, test.size()) / 1000;
        System.out.print(topConfusionsOnly(eval));
        System.out.printf(Locale.ROOT, "train=%d test=%d features=%s per_message_us=%d%n", train.size(),
                test.size(), config.features().describe(), perMessage);
        System.out.printf(Locale.ROOT, "dataset=banking77 accuracy=%.4f macro_f1=%.4f%n", eval.accuracy(),
                eval.macroF1());
    }

    private static void clinc150(Path root, IntentTrainer trainer, TrainerConfig config, boolean oosClass)
            throws Exception {
        Map<String, List<LabeledText>> splits = Datasets.clinc150(root);
        List<LabeledText> train = new ArrayList<>(splits.get("train"));
        if (oosClass) {
            train.addAll(splits.get("oos_train"));
        }
        IntentModel model = timedTrain(trainer, train, config);

        // Threshold on validation only: in-scope val + oos_val, maximising overall accuracy.
        List<LabeledText> val = new ArrayList<>(splits.get("val"));
        val.addAll(splits.get("oos_val"));
        List<double[]> valProbabilities = new ArrayList<>(val.size());
        for (LabeledText example : val) {
            valProbabilities.add(model.probabilities(example.text()));
        }
        double threshold = Calibration.bestThreshold(valProbabilities, val.stream().map(LabeledText::intent).toList(),
                model.intents());

        Evaluation eval = new Evaluation();
        Evaluation noThreshold = new Evaluation();
        List<LabeledText> test = new ArrayList<>(splits.get("test"));
        test.addAll(splits.get("oos_test"));
        long start = System.nanoTime();
        for (LabeledText example : test) {
            double[] p = model.probabilities(example.text());
            IntentPrediction withRefusal = model.decide(p, 1, threshold);
            eval.add(example.intent(), withRefusal.intent());
            noThreshold.add(example.intent(), model.decide(p, 1, 0.0).intent());
        }
        long perMessage = (System.nanoTime() - start) / Math.max(1, test.size()) / 1000;
        double inScope = eval.accuracyWhereGold(g -> !Datasets.OOS.equals(g));
        double oosRecall = eval.accuracyWhereGold(Datasets.OOS::equals);
        System.out.print(topConfusionsOnly(eval));
        System.out.printf(Locale.ROOT, "train=%d val=%d test=%d threshold=%.4f (chosen on val+oos_val) "
                        + "in_scope_no_threshold=%.4f oos_recall_no_threshold=%.4f overall_accuracy=%.4f per_message_us=%d%n",
                train.size(), val.size(), test.size(), threshold,
                noThreshold.accuracyWhereGold(g -> !Datasets.OOS.equals(g)),
                noThreshold.accuracyWhereGold(Datasets.OOS::equals), eval.accuracy(), perMessage);
        System.out.printf(Locale.ROOT, "dataset=clinc150 accuracy=%.4f macro_f1=%.4f oos_recall=%.4f%n", inScope,
                eval.macroF1(), oosRecall);
    }

    private static IntentModel timedTrain(IntentTrainer trainer, List<LabeledText> train, TrainerConfig config) {
        long start = System.nanoTime();
        IntentModel model = trainer.train(train, config, "benchmark", Map.of());
        System.out.printf(Locale.ROOT, "trained on %d examples in %.1f s%n", train.size(),
                (System.nanoTime() - start) / 1e9);
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
