package org.supportflow.nlu.learning;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.config.NluConfig;
import org.supportflow.nlu.domain.BundleFiles;
import org.supportflow.nlu.domain.BundleLoader;
import org.supportflow.nlu.domain.DomainBundle;
import org.supportflow.nlu.domain.DomainEvents;
import org.supportflow.nlu.domain.DomainManager;
import org.supportflow.nlu.messaging.DomainPublisher;
import org.supportflow.nlu.messaging.DomainTopicReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts the NLU with the platform's active domain and keeps it in step:
 * <ul>
 *   <li>at startup, the last record of {@code nlu.domain} names the active domain (its bundle travels with
 *       it); when there is none, the default bundle ({@code nlu.domain.dir}, else the one shipped in the jar,
 *       {@code domains/<nlu.domain.default>}) is activated and published, so that routing learns its policy;</li>
 *   <li>a newer record on {@code nlu.domain} (a promotion or a rollback, from any replica) swaps this replica
 *       to that domain;</li>
 *   <li>the learning loop: every {@code nlu.learning.check-interval} the active domain's model is retrained
 *       in the background once {@code nlu.learning.retrain-after} agents' corrections to its intents arrived.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class ModelLifecycle {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final NluConfig config;
    private final IntentTrainer trainer;
    private final KoreanMorphemes morphemes;
    private final PiiMasker masker;
    private final DomainTopicReader topic;
    private final DomainPublisher publisher;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nlu-domain-training");
        t.setDaemon(true);
        return t;
    });
    private volatile DomainManager domains;
    private volatile FeedbackStore feedback;
    private volatile boolean publishAtStart;

    private final org.supportflow.nlu.kb.KnowledgeBaseService answers;

    public ModelLifecycle(NluConfig config, IntentTrainer trainer, KoreanMorphemes morphemes, PiiMasker masker,
                          DomainTopicReader topic, DomainPublisher publisher,
                          org.supportflow.nlu.kb.KnowledgeBaseService answers) {
        this.answers = answers;
        this.config = config;
        this.trainer = trainer;
        this.morphemes = morphemes;
        this.masker = masker;
        this.topic = topic;
        this.publisher = publisher;
    }

    @PostConstruct
    void start() {
        Path dir = Path.of(config.modelDir()).toAbsolutePath().normalize();
        ModelStore store = new ModelStore(dir);
        feedback = new FeedbackStore(dir, masker);
        NluConfig.Training t = config.training();
        TrainerConfig trainerConfig = TrainerConfig.of(t.features(), t.l2Cost(), t.iterations(), t.threads());
        domains = new DomainManager(store, trainer, morphemes, feedback, trainerConfig,
                config.learning().keepVersions(), Clock.systemUTC(), jobs);
        answers.answersFromDomain(() -> domains.isReady() ? domains.active().bundle().knowledgeBase()
                : org.supportflow.nlu.kb.KnowledgeBase.empty());
        Optional<DomainActivatedEvent> latest = topic.latest(config.domain().startupReadTimeout());
        if (latest.isPresent()) {
            try {
                DomainBundle bundle = DomainEvents.bundleOf(latest.get()).orThrow();
                domains.activate(bundle, latest.get().occurredAt());
                return;
            } catch (RuntimeException e) {
                LOG.errorf("the active domain on nlu.domain (%s %s) cannot be used (%s); starting with the default",
                        latest.get().domain(), latest.get().domainVersion(), e.getMessage());
            }
        }
        domains.activate(defaultBundle(), Instant.EPOCH);
        publishAtStart = latest.isEmpty();
    }

    /** Publishes the default domain once the messaging is up, when the topic had none. */
    void published(@Observes StartupEvent started) {
        if (publishAtStart) {
            Thread.ofVirtual().name("nlu-domain-publish").start(this::publishDefault);
        }
    }

    private void publishDefault() {
        DomainManager.Active active = domains.active();
        DomainActivatedEvent event = DomainEvents.activation(active.bundle(), active.models().current().version());
        try {
            publisher.publish(event, PUBLISH_TIMEOUT);
            domains.activate(active.bundle(), event.occurredAt());
            LOG.infof("published the default domain %s %s on nlu.domain", active.bundle().name(),
                    active.bundle().versionTag());
        } catch (RuntimeException e) {
            LOG.errorf("could not publish the default domain on nlu.domain: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    /** The default bundle: {@code nlu.domain.dir} when set, else the one shipped in the jar. */
    public DomainBundle defaultBundle() {
        Optional<String> directory = config.domain().dir().filter(d -> !d.isBlank());
        BundleFiles files = directory.isPresent()
                ? BundleFiles.fromDirectory(Path.of(directory.get()).toAbsolutePath().normalize())
                : BundleFiles.fromClasspath("domains/" + config.domain().defaultName(),
                DomainBundle.fileNames(List.of("ko", "en")));
        return new BundleLoader().load(files).orThrow();
    }

    /** A record of {@code nlu.domain}: swaps to it unless it is not newer than what this replica serves. */
    public void onDomainEvent(DomainActivatedEvent event) {
        DomainManager.Active current = domains.active();
        if (!event.occurredAt().isAfter(current.activatedAt())) {
            return;
        }
        if (event.domainVersion().equals(current.bundle().versionTag())) {
            domains.activate(current.bundle(), event.occurredAt());
            return;
        }
        DomainBundle bundle = DomainEvents.bundleOf(event).orThrow();
        domains.activate(bundle, event.occurredAt());
    }

    /**
     * Activates a bundle here and publishes it, so that every NLU replica and routing follow.
     *
     * @return the event published
     */
    public DomainActivatedEvent promote(DomainBundle bundle) {
        DomainManager.Active active = domains.activate(bundle, Instant.now());
        DomainActivatedEvent event = DomainEvents.activation(bundle, active.models().current().version());
        domains.activate(bundle, event.occurredAt());
        publisher.publish(event, PUBLISH_TIMEOUT);
        return event;
    }

    public DomainManager domains() {
        return domains;
    }

    /** The active domain's models. */
    public ModelManager manager() {
        return domains.active().models();
    }

    public FeedbackStore feedback() {
        return feedback;
    }

    @Scheduled(every = "${nlu.learning.check-interval}", delayed = "${nlu.learning.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retrainWhenEnoughFeedback() {
        if (!config.learning().enabled() || domains == null || !domains.isReady()) {
            return;
        }
        ModelManager manager = manager();
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
