package org.supportflow.nlu;

import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelManager;
import org.supportflow.contracts.privacy.PiiMasker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production intent model, trained once per test JVM from the shipped {@code train-{ko,en}.tsv}
 * with the production settings (those of application.properties). It goes through the same store the
 * Quarkus tests use ({@code target/test-nlu-models}), so whichever test needs it first trains it and
 * the other loads it: a model trained from exactly this data and configuration.
 */
public final class TestModels {

    /** Keep in step with {@code nlu.training.*} in application.properties. */
    public static final TrainerConfig PRODUCTION = TrainerConfig.of("w2,c2-5,s2-4,m,e,d1", 0.01, 300, 1);

    private static final KoreanMorphemes MORPHEMES = new KoreanMorphemes();
    private static IntentModel shared;

    private TestModels() {
    }

    public static KoreanMorphemes morphemes() {
        return MORPHEMES;
    }

    /** The shipped default bundle (the shop). */
    public static org.supportflow.nlu.domain.DomainBundle shopBundle() {
        return new org.supportflow.nlu.domain.BundleLoader().load(org.supportflow.nlu.domain.BundleFiles.fromClasspath(
                "domains/shop", org.supportflow.nlu.domain.DomainBundle.fileNames(List.of("ko", "en")))).orThrow();
    }

    public static List<LabeledText> trainingData() {
        List<LabeledText> data = new ArrayList<>(TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
        data.addAll(TrainingData.fromClasspath("domains/shop/train-en.tsv"));
        return data;
    }

    public static Map<String, List<LabeledText>> heldout() {
        Map<String, List<LabeledText>> heldout = new LinkedHashMap<>();
        heldout.put("ko", TrainingData.fromClasspath("domains/shop/heldout-ko.tsv"));
        heldout.put("en", TrainingData.fromClasspath("domains/shop/heldout-en.tsv"));
        return heldout;
    }

    public static synchronized IntentModel shared() {
        if (shared == null) {
            Path dir = Path.of("target/test-nlu-models").toAbsolutePath();
            PiiMasker masker = new PiiMasker();
            ModelManager manager = new ModelManager(new ModelStore(dir), new IntentTrainer(MORPHEMES), MORPHEMES,
                    trainingData(), new ModelManager.Heldout(heldout()), new FeedbackStore(dir, masker), PRODUCTION,
                    10, Clock.systemUTC());
            shared = manager.bootstrap();
        }
        return shared;
    }
}
