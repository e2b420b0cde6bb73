package org.supportflow.nlu.learning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.nlu.TestModels;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelNotFoundException;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.contracts.privacy.PiiMasker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelManagerTest {

    private final AtomicLong seconds = new AtomicLong(1_800_000_000L);

    private ModelManager manager(Path dir, List<LabeledText> base, List<LabeledText> heldout) {
        return new ModelManager(new ModelStore(dir), new IntentTrainer(TestModels.morphemes()), TestModels.morphemes(),
                base, new ModelManager.Heldout(Map.of("en", heldout)), new FeedbackStore(dir, new PiiMasker()),
                TestModels.PRODUCTION, 3, ticking());
    }

    /** A clock one second later at every reading: every trained version gets a name of its own. */
    private Clock ticking() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.addAndGet(1));
            }
        };
    }

    /** A manager sharing {@code feedback} with the erasure side, as ModelLifecycle wires them. */
    private ModelManager manager(Path dir, FeedbackStore feedback) {
        return new ModelManager(new ModelStore(dir), new IntentTrainer(TestModels.morphemes()), TestModels.morphemes(),
                tiny(), new ModelManager.Heldout(Map.of("en", tinyHeldout())), feedback, TestModels.PRODUCTION, 3,
                ticking());
    }

    /** Every stored version's vocabulary, by version. */
    private static Map<String, String> vocabularies(Path dir) throws java.io.IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var versions = java.nio.file.Files.list(dir.resolve("models"))) {
            for (Path version : versions.filter(java.nio.file.Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                out.put(version.getFileName().toString(), java.nio.file.Files.readString(version.resolve("vocabulary.tsv")));
            }
        }
        return out;
    }

    @Test
    void anErasureReplacesTheActiveModelAndDeletesEveryVersionThatLearntTheErasedWords(@TempDir Path dir)
            throws java.io.IOException {
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        ModelManager manager = manager(dir, feedback);
        String shippedOnly = manager.bootstrap().version();
        feedback.append("f1", "conv-jiwoo", "en", "order_status", "where's the parcel zyxwvjiwoo ordered");
        feedback.append("f2", "conv-other", "en", "order_cancel", "cancel the order");
        String first = manager.retrain("test").candidateVersion();
        feedback.append("f3", "conv-other", "en", "order_status", "is my parcel on its way");
        ModelManager.RetrainOutcome second = manager.retrain("test again");
        assertThat(second.activated()).isTrue();
        assertThat(vocabularies(dir)).as("the words reach the models' vocabularies")
                .hasEntrySatisfying(first, vocabulary -> assertThat(vocabulary).contains("zyxwvjiwoo"))
                .hasEntrySatisfying(second.candidateVersion(), vocabulary -> assertThat(vocabulary).contains("zyxwvjiwoo"));
        assertThat(manager.forgetErasedWords()).as("nothing erased yet: nothing to do").isEmpty();

        feedback.eraseConversations(List.of("conv-jiwoo"));
        java.util.Optional<ModelManager.RetrainOutcome> replaced = manager.forgetErasedWords();

        assertThat(replaced).isPresent();
        assertThat(replaced.get().feedbackExamples()).isEqualTo(2);
        assertThat(manager.current().version()).isEqualTo(replaced.get().activeVersion())
                .isNotIn(first, second.candidateVersion());
        assertThat(vocabularies(dir)).as("no stored version knows the erased words any more")
                .allSatisfy((version, vocabulary) -> assertThat(vocabulary).doesNotContain("zyxwvjiwoo"))
                .containsKeys(shippedOnly, manager.current().version())
                .doesNotContainKeys(first, second.candidateVersion());
        assertThat(manager.versions()).extracting(IntentModel.ModelInfo::version).doesNotContain(first);
        assertThat(manager.forgetErasedWords()).as("done once: nothing more to do").isEmpty();
        // a restart loads the replacement
        assertThat(manager(dir, new FeedbackStore(dir, new PiiMasker())).bootstrap().version())
                .isEqualTo(manager.current().version());
    }

    @Test
    void anErasureOfCorrectionsAModelNeverSawLeavesThatModel(@TempDir Path dir) {
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        ModelManager manager = manager(dir, feedback);
        manager.bootstrap();
        feedback.append("f1", "conv-other", "en", "order_cancel", "cancel the order");
        String trained = manager.retrain("test").candidateVersion();
        String active = manager.current().version();
        // stored and erased after that training: no model learnt it, so none needs replacing
        feedback.append("f2", "conv-late", "en", "order_status", "where's the parcel zyxwvlate ordered");
        feedback.eraseConversations(List.of("conv-late"));

        assertThat(manager.forgetErasedWords()).isEmpty();
        assertThat(manager.current().version()).isEqualTo(active);
        assertThat(manager.versions()).extracting(IntentModel.ModelInfo::version).contains(trained);
    }

    @Test
    void aRestartAfterAnErasureThatDidNotReachTheModelReplacesIt(@TempDir Path dir) throws java.io.IOException {
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        ModelManager manager = manager(dir, feedback);
        manager.bootstrap();
        feedback.append("f1", "conv-jiwoo", "en", "order_status", "where's the parcel zyxwvjiwoo ordered");
        String learnt = manager.retrain("test").candidateVersion();
        assertThat(manager.current().version()).isEqualTo(learnt);
        // the erasure reached the feedback store, then the process died before the model was replaced
        feedback.eraseConversations(List.of("conv-jiwoo"));

        IntentModel afterRestart = manager(dir, new FeedbackStore(dir, new PiiMasker())).bootstrap();

        assertThat(afterRestart.version()).isNotEqualTo(learnt);
        assertThat(vocabularies(dir)).doesNotContainKey(learnt)
                .allSatisfy((version, vocabulary) -> assertThat(vocabulary).doesNotContain("zyxwvjiwoo"));
    }

    private static List<LabeledText> tiny() {
        return TrainingData.fromClasspath("fixtures/tiny-train.tsv");
    }

    private static List<LabeledText> tinyHeldout() {
        return TrainingData.fromClasspath("fixtures/tiny-heldout.tsv");
    }

    @Test
    void bootstrapTrainsOnceThenLoadsTheStoredModelAfterARestart(@TempDir Path dir) {
        IntentModel first = manager(dir, tiny(), tinyHeldout()).bootstrap();
        assertThat(first.info().metadata()).containsEntry("status", "active").containsKey("heldout.accuracy.en");
        IntentModel again = manager(dir, tiny(), tinyHeldout()).bootstrap();
        assertThat(again.version()).isEqualTo(first.version());

        List<LabeledText> changed = new java.util.ArrayList<>(tiny());
        changed.add(new LabeledText("greeting", "good evening"));
        IntentModel retrained = manager(dir, changed, tinyHeldout()).bootstrap();
        assertThat(retrained.version()).as("new shipped data means a new model").isNotEqualTo(first.version());
    }

    @Test
    void feedbackRetrainsAndTheCandidateIsActivatedOnlyIfNotWorse(@TempDir Path dir) {
        ModelManager manager = manager(dir, tiny(), tinyHeldout());
        IntentModel initial = manager.bootstrap();
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        assertThat(manager.pendingFeedback()).isZero();

        // Helpful corrections: the candidate is at least as good on held-out, so it becomes active.
        feedback.append("f1", "conv-1", "en", "order_status", "where's my package now");
        feedback.append("f2", "conv-1", "en", "order_cancel", "cancel the order");
        ModelManager reloaded = manager(dir, tiny(), tinyHeldout());
        reloaded.bootstrap();
        assertThat(reloaded.pendingFeedback()).isEqualTo(2);
        ModelManager.RetrainOutcome outcome = reloaded.retrain("test");
        assertThat(outcome.activated()).isTrue();
        assertThat(outcome.feedbackExamples()).isEqualTo(2);
        assertThat(reloaded.current().version()).isEqualTo(outcome.candidateVersion()).isNotEqualTo(initial.version());
        assertThat(reloaded.pendingFeedback()).isZero();

        // Poisoned corrections that break the held-out answers: the candidate is stored but rejected.
        FeedbackStore poisoned = new FeedbackStore(dir, new PiiMasker());
        for (int i = 0; i < 30; i++) {
            poisoned.append("p" + i, "conv-1", "en", "greeting", "where's my package " + "x".repeat(i));
            poisoned.append("q" + i, "conv-1", "en", "greeting", "cancel the order please " + "y".repeat(i));
        }
        ModelManager afterPoison = manager(dir, tiny(), tinyHeldout());
        afterPoison.bootstrap();
        ModelManager.RetrainOutcome rejected = afterPoison.retrain("poison");
        assertThat(rejected.activated()).isFalse();
        assertThat(afterPoison.current().version()).isEqualTo(outcome.candidateVersion());
        assertThat(afterPoison.versions()).extracting(IntentModel.ModelInfo::version)
                .contains(rejected.candidateVersion(), outcome.candidateVersion());
    }

    @Test
    void aModelRetrainedOnCorrectionsComesWithARefusalOfItsOwnInTheSameVersion(@TempDir Path dir) {
        List<LabeledText> shop = TestModels.trainingData();
        List<LabeledText> heldout = TestModels.heldout().get("en");
        IntentModel initial = manager(dir, shop, heldout).bootstrap();
        assertThat(initial.refusal()).isPresent();

        new FeedbackStore(dir, new PiiMasker()).append("f1", "conv-1", "en", "out_of_scope",
                "which planet is the largest one");
        ModelManager reloaded = manager(dir, shop, heldout);
        reloaded.bootstrap();
        ModelManager.RetrainOutcome outcome = reloaded.retrain("test");

        IntentModel candidate = new ModelStore(dir).load(outcome.candidateVersion(), TestModels.morphemes());
        assertThat(candidate.version()).isNotEqualTo(initial.version());
        assertThat(candidate.refusal()).as("stored with the candidate, fitted in the same training").isPresent();
        assertThat(candidate.info().metadata().get("training.examples")).as("the correction was learnt")
                .isEqualTo(Integer.toString(shop.size() + 1));
    }

    @Test
    void aPreviousVersionCanBeRestoredAndStaysActiveAfterRestart(@TempDir Path dir) {
        ModelManager manager = manager(dir, tiny(), tinyHeldout());
        IntentModel initial = manager.bootstrap();
        new FeedbackStore(dir, new PiiMasker()).append("f1", "conv-1", "en", "greeting", "yo");
        ModelManager second = manager(dir, tiny(), tinyHeldout());
        second.bootstrap();
        String candidate = second.retrain("test").candidateVersion();
        second.restore(candidate);
        assertThat(second.current().version()).isEqualTo(candidate).isNotEqualTo(initial.version());

        second.restore(initial.version());
        assertThat(second.current().version()).isEqualTo(initial.version());
        assertThat(manager(dir, tiny(), tinyHeldout()).bootstrap().version()).isEqualTo(initial.version());
        assertThatThrownBy(() -> second.restore("does-not-exist")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void retrainingAfterAnErasureNoLongerLearnsTheErasedWords(@TempDir Path dir) throws java.io.IOException {
        ModelManager manager = manager(dir, tiny(), tinyHeldout());
        manager.bootstrap();
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        feedback.append("f1", "conv-jiwoo", "en", "order_status", "where's the parcel zyxwvjiwoo ordered");
        feedback.append("f2", "conv-other", "en", "order_cancel", "cancel the order");
        ModelManager before = manager(dir, tiny(), tinyHeldout());
        before.bootstrap();
        String trainedWithIt = before.retrain("test").candidateVersion();
        assertThat(java.nio.file.Files.readString(dir.resolve("models").resolve(trainedWithIt).resolve("vocabulary.tsv")))
                .as("the words reach the model's vocabulary").contains("zyxwvjiwoo");

        new FeedbackStore(dir, new PiiMasker()).eraseConversations(List.of("conv-jiwoo"));
        ModelManager after = manager(dir, tiny(), tinyHeldout());
        after.bootstrap();
        ModelManager.RetrainOutcome outcome = after.retrain("after erasure");
        assertThat(outcome.feedbackExamples()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(
                dir.resolve("models").resolve(outcome.candidateVersion()).resolve("vocabulary.tsv")))
                .doesNotContain("zyxwvjiwoo").doesNotContain("erased");
    }

    @Test
    void aDetachedModelIsStoredUnusedAndActivatedLaterWithoutTraining(@TempDir Path dir) {
        IntentModel shop = manager(dir, tiny(), tinyHeldout()).bootstrap();
        List<LabeledText> other = new java.util.ArrayList<>(tiny());
        other.add(new LabeledText("greeting", "good evening to you"));

        IntentModel candidate = manager(dir, other, tinyHeldout()).trainDetached("a candidate domain");
        assertThat(candidate.info().metadata()).containsEntry("status", "candidate");
        assertThat(new ModelStore(dir).current()).contains(shop.version());

        assertThat(manager(dir, other, tinyHeldout()).bootstrap().version())
                .as("the stored candidate, not a new training").isEqualTo(candidate.version());
        assertThat(manager(dir, tiny(), tinyHeldout()).bootstrap().version())
                .as("switching back finds the earlier model of that data").isEqualTo(shop.version());
    }

    @Test
    void correctionsToIntentsOfAnotherDomainAreKeptButNotTrainedOn(@TempDir Path dir) {
        FeedbackStore feedback = new FeedbackStore(dir, new PiiMasker());
        feedback.append("f1", "conv-1", "en", "roaming", "can i use data in japan");
        feedback.append("f2", "conv-2", "en", "order_status", "my parcel, where is it now");
        ModelManager manager = new ModelManager(new ModelStore(dir), new IntentTrainer(TestModels.morphemes()),
                TestModels.morphemes(), tiny(), new ModelManager.Heldout(Map.of("en", tinyHeldout())),
                new FeedbackStore(dir, new PiiMasker()), TestModels.PRODUCTION, 3, Clock.systemUTC(),
                java.util.Set.of("greeting", "order_cancel", "order_status", "out_of_scope")::contains);
        manager.bootstrap();

        assertThat(manager.current().info().metadata()).containsEntry("feedback.examples", "1");
        assertThat(manager.current().intents()).doesNotContain("roaming");
        assertThat(manager.pendingFeedback()).isZero();
        assertThat(new FeedbackStore(dir, new PiiMasker()).size()).as("kept").isEqualTo(2);
    }
}
