package org.supportflow.nlu.learning;

import org.jboss.logging.Logger;
import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.FeatureExtractor;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the active intent model and its versions.
 *
 * <ul>
 *   <li>{@link #bootstrap()}: loads the stored active model when it was trained from the shipped data
 *       and configuration the service has now; otherwise trains one from the shipped data plus the
 *       stored feedback, stores it and activates it.</li>
 *   <li>{@link #retrain(String)}: trains a candidate on shipped data + feedback, evaluates it and the
 *       active model on the held-out split (Korean and English), and activates the candidate only if
 *       it is not worse overall and not worse in either language. Every candidate is stored.</li>
 *   <li>{@link #restore(String)}: activates a stored version.</li>
 *   <li>{@link #forgetErasedWords()}: after an erasure, replaces the active model when it learnt from corrections
 *       erased since (their words are in its vocabulary), whatever the replacement's held-out accuracy, and
 *       deletes every stored version that learnt from them. {@link #bootstrap()} does the same, so a crash
 *       between the erasure and the retraining cannot leave the words in the active model.</li>
 * </ul>
 * Training is serialised; classification reads the active model lock-free.
 */
public final class ModelManager {

    private static final Logger LOG = Logger.getLogger(ModelManager.class);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The held-out split, per language. */
    public record Heldout(Map<String, List<LabeledText>> byLanguage) {
        public Heldout {
            byLanguage = Map.copyOf(byLanguage);
        }
    }

    /** What a retraining did. */
    public record RetrainOutcome(String candidateVersion, boolean activated, String activeVersion,
                                 Map<String, Double> candidateAccuracy, Map<String, Double> previousAccuracy,
                                 int trainingExamples, int feedbackExamples, String reason) {
    }

    /** Metadata of a model: how many corrections the feedback store held when it was trained, erased ones included. */
    static final String STORED_AT_TRAINING = "feedback.stored";
    /** Metadata of a model: how many of those were erased when it was trained. */
    static final String ERASED_AT_TRAINING = "feedback.erased";

    private final ModelStore store;
    private final IntentTrainer trainer;
    private final KoreanMorphemes morphemes;
    private final List<LabeledText> baseData;
    private final Heldout heldout;
    private final FeedbackStore feedback;
    private final TrainerConfig config;
    private final int keepVersions;
    private final Clock clock;
    private final AtomicReference<IntentModel> active = new AtomicReference<>();
    private final ReentrantLock trainingLock = new ReentrantLock();
    private final String baseHash;
    private final java.util.function.Predicate<String> trainableIntent;

    public ModelManager(ModelStore store, IntentTrainer trainer, KoreanMorphemes morphemes, List<LabeledText> baseData,
                        Heldout heldout, FeedbackStore feedback, TrainerConfig config, int keepVersions, Clock clock) {
        this(store, trainer, morphemes, baseData, heldout, feedback, config, keepVersions, clock, intent -> true);
    }

    /**
     * @param trainableIntent which corrected intents of the feedback store are trained on: the active domain's
     *                        (a correction to an intent of another domain stays stored, unused)
     */
    public ModelManager(ModelStore store, IntentTrainer trainer, KoreanMorphemes morphemes, List<LabeledText> baseData,
                        Heldout heldout, FeedbackStore feedback, TrainerConfig config, int keepVersions, Clock clock,
                        java.util.function.Predicate<String> trainableIntent) {
        this.trainableIntent = trainableIntent;
        this.store = store;
        this.trainer = trainer;
        this.morphemes = morphemes;
        this.baseData = List.copyOf(baseData);
        this.heldout = heldout;
        this.feedback = feedback;
        this.config = config;
        this.keepVersions = Math.max(2, keepVersions);
        this.clock = clock;
        this.baseHash = hash(baseData, config);
    }

    public IntentModel bootstrap() {
        trainingLock.lock();
        try {
            Optional<String> current = store.current();
            if (current.isPresent()) {
                Optional<IntentModel.ModelInfo> info = store.info(current.get());
                if (info.isPresent() && baseHash.equals(info.get().metadata().get("baseHash"))) {
                    IntentModel model = store.load(current.get(), morphemes);
                    active.set(model);
                    LOG.infof("intent model %s loaded from %s", model.version(), store.root());
                    forgetErasedWordsLocked();
                    return active.get();
                }
            }
            // a model of this data stored earlier (e.g. the domain active before a switch): no need to train
            Optional<IntentModel.ModelInfo> earlier = store.list().stream()
                    .filter(i -> baseHash.equals(i.metadata().get("baseHash")))
                    .filter(i -> !"rejected".equals(i.metadata().get("status")))
                    .max(java.util.Comparator.comparing(IntentModel.ModelInfo::version));
            if (earlier.isPresent()) {
                IntentModel model = store.load(earlier.get().version(), morphemes);
                store.activate(model.version());
                active.set(model);
                LOG.infof("intent model %s of this data activated again from %s", model.version(), store.root());
                forgetErasedWordsLocked();
                return active.get();
            }
            if (current.isPresent()) {
                LOG.infof("stored model %s was trained from other data or settings; training a new one",
                        current.get());
            }
            IntentModel model = trainCandidate("bootstrap");
            Map<String, Double> accuracy = evaluate(model);
            model = withAccuracy(model, accuracy, "active");
            store.save(model);
            store.activate(model.version());
            active.set(model);
            LOG.infof("intent model %s trained (%s examples), held-out accuracy %s", model.version(),
                    model.info().metadata().get("training.examples"), accuracy);
            return model;
        } finally {
            trainingLock.unlock();
        }
    }

    public IntentModel current() {
        IntentModel model = active.get();
        if (model == null) {
            throw new IllegalStateException("the intent model is not loaded yet");
        }
        return model;
    }

    public boolean isReady() {
        return active.get() != null;
    }

    /** Feedback examples that arrived since the active model was trained. */
    public int pendingFeedback() {
        IntentModel model = active.get();
        int used = model == null ? 0
                : Integer.parseInt(model.info().metadata().getOrDefault("feedback.examples", "0"));
        long trainable = feedback.examples().stream().filter(e -> trainableIntent.test(e.intent())).count();
        return (int) Math.max(0, trainable - used);
    }

    public RetrainOutcome retrain(String reason) {
        trainingLock.lock();
        try {
            IntentModel previous = current();
            Map<String, Double> before = evaluate(previous);
            IntentModel candidate = trainCandidate(reason);
            Map<String, Double> after = evaluate(candidate);
            boolean notWorse = after.get("all") >= before.get("all") - 1e-9
                    && after.entrySet().stream().allMatch(e -> e.getValue() >= before.getOrDefault(e.getKey(), 0.0)
                    - 1e-9);
            candidate = withAccuracy(candidate, after, notWorse ? "active" : "rejected");
            store.save(candidate);
            if (notWorse) {
                store.activate(candidate.version());
                active.set(candidate);
            }
            store.prune(keepVersions);
            LOG.infof("retraining (%s): candidate %s held-out %s vs active %s %s -> %s", reason, candidate.version(),
                    after, previous.version(), before, notWorse ? "activated" : "rejected");
            return new RetrainOutcome(candidate.version(), notWorse, active.get().version(), after, before,
                    Integer.parseInt(candidate.info().metadata().get("training.examples")),
                    Integer.parseInt(candidate.info().metadata().get("feedback.examples")), reason);
        } finally {
            trainingLock.unlock();
        }
    }

    /**
     * Trains a model of this data and stores it without activating it (a candidate domain's model): a later
     * {@link #bootstrap()} of a manager on the same data activates it without training again.
     */
    public IntentModel trainDetached(String reason) {
        trainingLock.lock();
        try {
            IntentModel model = trainCandidate(reason);
            model = withAccuracy(model, evaluate(model), "candidate");
            store.save(model);
            store.prune(keepVersions);
            return model;
        } finally {
            trainingLock.unlock();
        }
    }

    public String baseHash() {
        return baseHash;
    }

    public IntentModel restore(String version) {
        trainingLock.lock();
        try {
            IntentModel model = store.load(version, morphemes);
            store.activate(version);
            active.set(model);
            LOG.infof("intent model %s restored", version);
            return model;
        } finally {
            trainingLock.unlock();
        }
    }

    /**
     * Makes sure no model learnt from an erased correction stays: the active one is replaced by a model trained
     * on the shipped data and the corrections that remain (activated even if its held-out accuracy is lower:
     * erasure comes first), and every stored version that learnt from erased corrections is deleted (it could be
     * restored otherwise). Models trained on the shipped data alone are kept.
     *
     * @return the replacement's outcome when the active model had to be replaced
     */
    public Optional<RetrainOutcome> forgetErasedWords() {
        trainingLock.lock();
        try {
            return forgetErasedWordsLocked();
        } finally {
            trainingLock.unlock();
        }
    }

    /**
     * Whether a model learnt from corrections that have been erased since it was trained: more of the corrections
     * it saw are erased now than were then. (A model stored before this metadata existed counts as having seen
     * every correction, none erased.)
     */
    public boolean holdsErasedWords(IntentModel.ModelInfo info) {
        if (intMeta(info, "feedback.examples", 0) == 0) {
            return false;
        }
        int seen = intMeta(info, STORED_AT_TRAINING, Integer.MAX_VALUE);
        return feedback.erasedAmongFirst(seen) > intMeta(info, ERASED_AT_TRAINING, 0);
    }

    private Optional<RetrainOutcome> forgetErasedWordsLocked() {
        IntentModel previous = active.get();
        RetrainOutcome outcome = null;
        if (previous != null && holdsErasedWords(previous.info())) {
            Map<String, Double> before = evaluate(previous);
            IntentModel candidate = trainCandidate("erasure");
            Map<String, Double> after = evaluate(candidate);
            candidate = withAccuracy(candidate, after, "active");
            store.save(candidate);
            store.activate(candidate.version());
            active.set(candidate);
            LOG.infof("model %s learnt from erased corrections: replaced by %s (held-out %s, before %s)",
                    previous.version(), candidate.version(), after, before);
            outcome = new RetrainOutcome(candidate.version(), true, candidate.version(), after, before,
                    intMeta(candidate.info(), "training.examples", 0), intMeta(candidate.info(), "feedback.examples", 0),
                    "erasure");
        }
        for (IntentModel.ModelInfo info : store.list()) {
            if (holdsErasedWords(info) && store.delete(info.version())) {
                LOG.infof("stored model %s learnt from erased corrections: deleted", info.version());
            }
        }
        return Optional.ofNullable(outcome);
    }

    private static int intMeta(IntentModel.ModelInfo info, String key, int absent) {
        String value = info.metadata().get(key);
        try {
            return value == null ? absent : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    public List<IntentModel.ModelInfo> versions() {
        return store.list();
    }

    /** Held-out accuracy per language and overall ({@code all}). */
    public Map<String, Double> evaluate(IntentModel model) {
        Map<String, Double> out = new LinkedHashMap<>();
        Evaluation all = new Evaluation();
        heldout.byLanguage().forEach((language, examples) -> {
            Evaluation eval = new Evaluation();
            for (LabeledText example : examples) {
                String predicted = model.classify(example.text(), 1).intent();
                eval.add(example.intent(), predicted);
                all.add(example.intent(), predicted);
            }
            out.put(language, round(eval.accuracy()));
        });
        out.put("all", round(all.accuracy()));
        return out;
    }

    private IntentModel trainCandidate(String reason) {
        FeedbackStore.Snapshot snapshot = feedback.snapshot();
        List<LabeledText> feedbackExamples = snapshot.examples().stream()
                .filter(e -> trainableIntent.test(e.intent())).toList();
        List<LabeledText> data = new ArrayList<>(baseData);
        data.addAll(feedbackExamples);
        String dataHash = hash(data, config);
        String version = VERSION_TIME.format(clock.instant()) + "-" + dataHash.substring(0, 6);
        int suffix = 1;
        while (store.info(version).isPresent()) {
            version = VERSION_TIME.format(clock.instant()) + "-" + dataHash.substring(0, 6) + "-" + (++suffix);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("createdAt", clock.instant().toString());
        meta.put("baseHash", baseHash);
        meta.put("dataHash", dataHash);
        meta.put("feedback.examples", Integer.toString(feedbackExamples.size()));
        meta.put(STORED_AT_TRAINING, Integer.toString(snapshot.stored()));
        meta.put(ERASED_AT_TRAINING, Integer.toString(snapshot.erased()));
        meta.put("reason", reason);
        meta.put("l2Cost", Double.toString(config.l2Cost()));
        return trainer.train(data, config, version, meta);
    }

    private IntentModel withAccuracy(IntentModel model, Map<String, Double> accuracy, String status) {
        Map<String, String> meta = new LinkedHashMap<>(model.info().metadata());
        accuracy.forEach((k, v) -> meta.put("heldout.accuracy." + k, Double.toString(v)));
        meta.put("status", status);
        IntentModel.ModelInfo i = model.info();
        return model.withInfo(new IntentModel.ModelInfo(i.version(), i.features(), i.temperature(), i.oosThreshold(),
                meta));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String hash(List<LabeledText> data, TrainerConfig config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(config.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Integer.toString(FeatureExtractor.FORMAT_VERSION).getBytes(StandardCharsets.UTF_8));
            for (LabeledText example : data) {
                digest.update(example.intent().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(example.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 1);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
