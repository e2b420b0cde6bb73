package org.supportflow.benchmarks.eval;

import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.FeatureSet;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurement behind the NLU's choice of algorithm and features: trains on the project's own
 * {@code train-{ko,en}.tsv} with each candidate and reports held-out accuracy per language, on Korean
 * held-out messages with every space removed (chat spacing), and the training time. Usage:
 * {@code FeatureComparison [features|algorithms|l2]}.
 */
public final class FeatureComparison {

    private FeatureComparison() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "features";
        List<LabeledText> train = new ArrayList<>(TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
        train.addAll(TrainingData.fromClasspath("domains/shop/train-en.tsv"));
        List<LabeledText> ko = TrainingData.fromClasspath("domains/shop/heldout-ko.tsv");
        List<LabeledText> en = TrainingData.fromClasspath("domains/shop/heldout-en.tsv");
        List<LabeledText> koSpaceless = ko.stream().map(e -> new LabeledText(e.intent(), e.text().replace(" ", "")))
                .toList();
        TrainerConfig base = TrainerConfig.DEFAULT.withCalibration(false).withL2(0.01)
                .withThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        System.out.printf(Locale.ROOT, "train=%d heldout ko=%d en=%d%n", train.size(), ko.size(), en.size());
        List<LabeledText> fit = new ArrayList<>();
        List<LabeledText> val = new ArrayList<>();
        IntentTrainer.stratifiedSplit(train, 0.2, 7L, fit, val);
        System.out.println("| algorithm | features | l2 | val (20% of train) | heldout-ko | heldout-en "
                + "| heldout-ko, spaces removed | train s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            IntentTrainer trainer = new IntentTrainer(morphemes);
            List<TrainerConfig> configs = new ArrayList<>();
            switch (what) {
                case "features" -> {
                    for (String f : List.of("w1", "w2", "w2,c2-5", "w2,s2-4", "w2,m", "w2,c2-5,s2-4,m",
                            "w2,c2-5,s2-4,m,e", "w2,c2-5,s2-4,m,e,d1", "w2,c2-5,s2-4,m,e,d2")) {
                        configs.add(base.withFeatures(FeatureSet.parse(f)));
                    }
                }
                case "algorithms" -> {
                    for (String a : List.of("MAXENT_QN", "MAXENT", "PERCEPTRON", "NAIVEBAYES")) {
                        configs.add(base.withAlgorithm(a));
                    }
                }
                case "l2" -> {
                    for (double l2 : new double[]{0.001, 0.003, 0.01, 0.03, 0.1}) {
                        configs.add(base.withL2(l2));
                    }
                }
                default -> throw new IllegalArgumentException("features | algorithms | l2");
            }
            for (TrainerConfig config : configs) {
                double valAccuracy = accuracy(trainer.train(fit, config, "val", Map.of()), val);
                long start = System.nanoTime();
                IntentModel model = trainer.train(train, config, "cmp", Map.of());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.1f |%n",
                        config.algorithm(), config.features().describe(),
                        config.algorithm().equals("MAXENT_QN") ? config.l2Cost() : "-", valAccuracy, accuracy(model, ko), accuracy(model, en), accuracy(model, koSpaceless), seconds);
            }
        }
    }

    private static double accuracy(IntentModel model, List<LabeledText> examples) {
        Evaluation eval = new Evaluation();
        examples.forEach(e -> eval.add(e.intent(), model.classify(e.text(), 1).intent()));
        return eval.accuracy();
    }
}
