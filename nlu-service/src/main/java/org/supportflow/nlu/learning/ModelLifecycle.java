package org.supportflow.nlu.learning;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.nlu.config.NluConfig;
import org.supportflow.contracts.privacy.PiiMasker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the intent model with the application (load the stored one, or train from the shipped data)
 * and runs the learning loop: every {@code nlu.learning.check-interval} it retrains in the background
 * once {@code nlu.learning.retrain-after} corrections have arrived.
 */
@Startup
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);
    private static final Pattern HELDOUT_LANGUAGE = Pattern.compile("heldout-([a-z]{2})\\.tsv$");

    private final NluConfig config;
    private final IntentTrainer trainer;
    private final KoreanMorphemes morphemes;
    private final PiiMasker masker;
    private volatile ModelManager manager;
    private volatile FeedbackStore feedback;

    public ModelLifecycle(NluConfig config, IntentTrainer trainer, KoreanMorphemes morphemes, PiiMasker masker) {
        this.config = config;
        this.trainer = trainer;
        this.morphemes = morphemes;
        this.masker = masker;
    }

    @PostConstruct
    void start() {
        Path dir = Path.of(config.modelDir()).toAbsolutePath().normalize();
        ModelStore store = new ModelStore(dir);
        feedback = new FeedbackStore(dir, masker);
        List<LabeledText> base = new ArrayList<>();
        config.training().data().forEach(resource -> base.addAll(TrainingData.fromClasspath(resource.strip())));
        Map<String, List<LabeledText>> heldout = new LinkedHashMap<>();
        for (String resource : config.training().heldout()) {
            Matcher m = HELDOUT_LANGUAGE.matcher(resource.strip());
            String language = m.find() ? m.group(1) : resource.strip();
            heldout.put(language, TrainingData.fromClasspath(resource.strip()));
        }
        NluConfig.Training t = config.training();
        TrainerConfig trainerConfig = TrainerConfig.of(t.features(), t.l2Cost(), t.iterations(), t.threads());
        manager = new ModelManager(store, trainer, morphemes, base, new ModelManager.Heldout(heldout), feedback,
                trainerConfig, config.learning().keepVersions(), Clock.systemUTC());
        manager.bootstrap();
    }

    public ModelManager manager() {
        return manager;
    }

    public FeedbackStore feedback() {
        return feedback;
    }

    @Scheduled(every = "${nlu.learning.check-interval}", delayed = "${nlu.learning.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retrainWhenEnoughFeedback() {
        if (!config.learning().enabled() || manager == null) {
            return;
        }
        int pending = manager.pendingFeedback();
        if (pending >= config.learning().retrainAfter()) {
            try {
                manager.retrain(pending + " new corrections");
            } catch (RuntimeException e) {
                LOG.errorf(e, "background retraining failed; the active model stays");
            }
        }
    }
}
