package org.supportflow.benchmarks.eval;

import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentPrediction;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Korean figures for the intent cascade (Korean is decided by the lexical stage alone: the sentence
 * encoder is English-only). Usage: {@code KoreanEval [--repo-root DIR]}; data sets read in place from
 * {@code ../shared/datasets} or {@code $SUPPORTFLOW_DATASETS}.
 * <ol>
 *   <li>The service's default model (shop domain, {@link TrainerConfig#DEFAULT}): held-out accuracy
 *       (also with every space removed), and how much of {@code ko-kochat} it refuses: its out-of-domain
 *       set and its four intents (weather, fine dust, restaurants, travel), all outside a shop's scope.</li>
 *   <li>{@code ko-parakqc} paraphrase robustness: the first {@value #PARAKQC_SETS} sets of 10 paraphrases,
 *       each set one class; trained on 5 paraphrases per set, tested on the other 5.</li>
 * </ol>
 */
public final class KoreanEval {

    static final int PARAKQC_SETS = 200;

    private KoreanEval() {
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            if ("--repo-root".equals(args[i])) {
                repoRoot = Path.of(args[++i]).toAbsolutePath();
            }
        }
        Path data = Datasets.root(repoRoot);
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            PiiMasker masker = new PiiMasker();
            List<LabeledText> base = new ArrayList<>(TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
            base.addAll(TrainingData.fromClasspath("domains/shop/train-en.tsv"));
            List<LabeledText> ko = TrainingData.fromClasspath("domains/shop/heldout-ko.tsv");
            List<LabeledText> en = TrainingData.fromClasspath("domains/shop/heldout-en.tsv");
            Path dir = repoRoot.resolve("benchmarks/target/cost-models");
            ModelManager manager = new ModelManager(new ModelStore(dir), new IntentTrainer(morphemes), morphemes, base,
                    new ModelManager.Heldout(Map.of("ko", ko, "en", en)), new FeedbackStore(dir, masker),
                    TrainerConfig.DEFAULT, 3, Clock.systemUTC());
            IntentModel model = manager.bootstrap();
            Evaluation heldKo = new Evaluation();
            Evaluation spaceless = new Evaluation();
            for (LabeledText e : ko) {
                heldKo.add(e.intent(), model.classify(e.text(), 1).intent());
                spaceless.add(e.intent(), model.classify(e.text().replace(" ", ""), 1).intent());
            }
            Evaluation heldEn = new Evaluation();
            for (LabeledText e : en) {
                heldEn.add(e.intent(), model.classify(e.text(), 1).intent());
            }
            System.out.printf(Locale.ROOT, "shop model %s: heldout-ko accuracy=%.4f (out_of_scope recall %.4f), "
                            + "spaces removed=%.4f, heldout-en accuracy=%.4f (out_of_scope recall %.4f), lexical threshold=%.3f%n",
                    model.version(), heldKo.accuracy(), heldKo.accuracyWhereGold(IntentPrediction.OUT_OF_SCOPE::equals),
                    spaceless.accuracy(), heldEn.accuracy(), heldEn.accuracyWhereGold(IntentPrediction.OUT_OF_SCOPE::equals),
                    model.info().oosThreshold());
            if (Files.isDirectory(data.resolve("ko-kochat"))) {
                refusals(model, data.resolve("ko-kochat/ood_data.csv"), "ko-kochat ood_data.csv");
                refusals(model, data.resolve("ko-kochat/intent_data.csv"), "ko-kochat intent_data.csv (weather, dust, restaurant, travel)");
            } else {
                System.out.println("SKIPPED ko-kochat: not found under " + data);
            }
            if (Files.isDirectory(data.resolve("ko-parakqc"))) {
                paraphrases(morphemes, data.resolve("ko-parakqc/paraKQC_v1.txt"));
            } else {
                System.out.println("SKIPPED ko-parakqc: not found under " + data);
            }
        }
    }

    private static void refusals(IntentModel model, Path csv, String name) throws Exception {
        List<List<String>> rows = Datasets.Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        int n = 0;
        int refused = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).isEmpty() || rows.get(i).get(0).isBlank()) {
                continue;
            }
            n++;
            if (IntentPrediction.OUT_OF_SCOPE.equals(model.classify(rows.get(i).get(0), 1).intent())) {
                refused++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d messages, refused (out_of_scope) by the shop model: %.4f%n", name, n,
                (double) refused / Math.max(1, n));
    }

    private static void paraphrases(KoreanMorphemes morphemes, Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        Random random = new Random(42);
        for (int set = 0; set < PARAKQC_SETS && (set + 1) * 10 <= lines.size(); set++) {
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                String[] cols = lines.get(set * 10 + k).split("\t");
                texts.add(cols[cols.length - 1].strip());
            }
            Collections.shuffle(texts, random);
            String label = "set" + set;
            texts.subList(0, 5).forEach(t -> train.add(new LabeledText(label, t)));
            texts.subList(5, 10).forEach(t -> test.add(new LabeledText(label, t)));
        }
        IntentModel model = new IntentTrainer(morphemes).train(train, TrainerConfig.DEFAULT.withCalibration(false),
                "parakqc", Map.of());
        Evaluation eval = new Evaluation();
        Evaluation spaceless = new Evaluation();
        for (LabeledText e : test) {
            eval.add(e.intent(), model.classify(e.text(), 1).intent());
            spaceless.add(e.intent(), model.classify(e.text().replace(" ", ""), 1).intent());
        }
        System.out.printf(Locale.ROOT, "ko-parakqc: %d sets, train %d / test %d paraphrases, accuracy=%.4f, "
                + "spaces removed=%.4f%n", PARAKQC_SETS, train.size(), test.size(), eval.accuracy(), spaceless.accuracy());
    }
}
