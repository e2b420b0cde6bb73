package org.supportflow.nlu.domain;

import org.jboss.logging.Logger;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain this NLU replica serves, and the training of candidate domains.
 *
 * <ul>
 *   <li>{@link #activate}: makes a bundle the active domain: its model (loaded when one of the same data is
 *       stored, else trained), its answers and entity patterns, swapped as one snapshot, so that a message is
 *       classified and answered by one domain, never half of each. The previous one keeps serving meanwhile.</li>
 *   <li>{@link #train}: a background job that trains a candidate bundle's model (stored, not activated),
 *       measures it on the bundle's held-out examples next to the active model on the active bundle's, and
 *       refuses it when any language is below the bundle's floor.</li>
 *   <li>{@link #previous()}: what a rollback goes back to.</li>
 * </ul>
 * Plain class: the CDI wiring, the Kafka edge and the REST resource are elsewhere.
 */
public final class DomainManager {

    private static final Logger LOG = Logger.getLogger(DomainManager.class);
    private static final int KEEP_JOBS = 20;
    private static final int KEEP_HISTORY = 5;

    /** The active domain: bundle, models, its report, and when it was activated on the platform. */
    public record Active(DomainBundle bundle, ModelManager models, DomainReport report, Instant activatedAt) {
    }

    public enum JobStatus { QUEUED, TRAINING, EVALUATING, PASSED, REFUSED, FAILED, PROMOTED }

    /** A training job's state, as shown by the API. */
    public record JobView(String id, String domain, String domainVersion, JobStatus status, int progress,
                          Instant createdAt, Instant finishedAt, String reason, double floor,
                          List<BundleIssue> warnings, DomainReport report, String activeDomain,
                          DomainReport activeReport) {
    }

    private final class Job {
        final String id = UUID.randomUUID().toString();
        final DomainBundle bundle;
        volatile List<BundleIssue> warnings;
        final Instant createdAt = clock.instant();
        volatile JobStatus status = JobStatus.QUEUED;
        volatile int progress;
        volatile Instant finishedAt;
        volatile String reason;
        volatile DomainReport report;
        volatile String activeDomain;
        volatile DomainReport activeReport;

        Job(DomainBundle bundle, List<BundleIssue> warnings) {
            this.bundle = bundle;
            this.warnings = List.copyOf(warnings);
        }

        JobView view() {
            return new JobView(id, bundle.name(), bundle.versionTag(), status, progress, createdAt, finishedAt, reason,
                    bundle.accuracyFloor(), warnings, report, activeDomain, activeReport);
        }
    }

    private final ModelStore store;
    private final IntentTrainer trainer;
    private final KoreanMorphemes morphemes;
    private final FeedbackStore feedback;
    private final TrainerConfig config;
    private final int keepVersions;
    private final Clock clock;
    private final Executor executor;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Deque<DomainBundle> history = new ArrayDeque<>();

    public DomainManager(ModelStore store, IntentTrainer trainer, KoreanMorphemes morphemes, FeedbackStore feedback,
                         TrainerConfig config, int keepVersions, Clock clock, Executor executor) {
        this.store = store;
        this.trainer = trainer;
        this.morphemes = morphemes;
        this.feedback = feedback;
        this.config = config;
        this.keepVersions = keepVersions;
        this.clock = clock;
        this.executor = executor;
    }

    private ModelManager managerFor(DomainBundle bundle) {
        java.util.Set<String> intents = bundle.intentNames();
        return new ModelManager(store, trainer, morphemes, bundle.trainingExamples(),
                new ModelManager.Heldout(bundle.heldoutByLanguage()), feedback, config, keepVersions, clock,
                intents::contains);
    }

    /** Makes the bundle active on this replica (training its model first when none is stored). */
    public synchronized Active activate(DomainBundle bundle, Instant activatedAt) {
        Active current = active.get();
        if (current != null && current.bundle().versionTag().equals(bundle.versionTag())) {
            Active same = new Active(current.bundle(), current.models(), current.report(), activatedAt);
            active.set(same);
            return same;
        }
        ModelManager models = managerFor(bundle);
        IntentModel model = models.bootstrap();
        DomainReport report = DomainReport.of(model, bundle.heldoutByLanguage());
        Active next = new Active(bundle, models, report, activatedAt);
        active.set(next);
        if (current != null) {
            history.push(current.bundle());
            while (history.size() > KEEP_HISTORY) {
                history.removeLast();
            }
        }
        LOG.infof("domain %s %s active (model %s, held-out accuracy %s)", bundle.name(), bundle.versionTag(),
                model.version(), report.accuracy());
        return next;
    }

    public Active active() {
        Active current = active.get();
        if (current == null) {
            throw new IllegalStateException("no domain is active yet");
        }
        return current;
    }

    public boolean isReady() {
        return active.get() != null;
    }

    /** The domain active before the current one on this replica, if any. */
    public synchronized Optional<DomainBundle> previous() {
        return Optional.ofNullable(history.peek());
    }

    /**
     * After a rollback to {@code target}: the domain just left and the target itself leave the history, so
     * that the next rollback goes one step further back, not forth.
     */
    public synchronized void forgetRollback(DomainBundle target) {
        if (!history.isEmpty() && !history.peek().versionTag().equals(target.versionTag())) {
            history.pop();
        }
        if (!history.isEmpty() && history.peek().versionTag().equals(target.versionTag())) {
            history.pop();
        }
    }

    /** Starts training a validated bundle in the background. */
    public JobView train(DomainBundle bundle, List<BundleIssue> warnings) {
        Job job = new Job(bundle, warnings);
        synchronized (jobs) {
            jobs.put(job.id, job);
            while (jobs.size() > KEEP_JOBS) {
                String oldest = jobs.keySet().iterator().next();
                jobs.remove(oldest);
            }
        }
        executor.execute(() -> run(job));
        return job.view();
    }

    private void run(Job job) {
        try {
            job.status = JobStatus.TRAINING;
            job.progress = 10;
            ModelManager candidate = managerFor(job.bundle);
            IntentModel model = candidate.trainDetached("domain " + job.bundle.name() + " " + job.bundle.versionTag());
            job.status = JobStatus.EVALUATING;
            job.progress = 80;
            String minDf = model.info().metadata().get("lexical.minDf");
            if (minDf != null) {
                List<BundleIssue> warnings = new ArrayList<>(job.warnings);
                warnings.add(BundleIssue.warning(DomainBundle.DOMAIN_FILE, 0, "training kept only the words and"
                        + " character sequences seen in at least " + minDf + " examples, so that it fits this NLU's"
                        + " heap (" + heapMiB() + " MiB); a larger heap keeps them all"));
                job.warnings = List.copyOf(warnings);
            }
            job.report = DomainReport.of(model, job.bundle.heldoutByLanguage());
            Active current = active.get();
            if (current != null) {
                job.activeDomain = current.bundle().name() + " " + current.bundle().versionTag();
                job.activeReport = current.report();
            }
            List<String> below = job.report.belowFloor(job.bundle.accuracyFloor());
            job.progress = 100;
            if (below.isEmpty()) {
                job.status = JobStatus.PASSED;
            } else {
                job.status = JobStatus.REFUSED;
                job.reason = "held-out accuracy below the bundle's floor " + job.bundle.accuracyFloor() + ": "
                        + String.join(", ", below);
            }
            LOG.infof("domain job %s (%s %s): %s, held-out accuracy %s", job.id, job.bundle.name(),
                    job.bundle.versionTag(), job.status, job.report.accuracy());
        } catch (RuntimeException e) {
            LOG.errorf(e, "domain job %s failed", job.id);
            fail(job, "training failed: " + e.getClass().getSimpleName());
        } catch (OutOfMemoryError e) {
            // The candidate's arrays are garbage once this frame is left: the active model keeps serving, and
            // the job must end (left alone, it would show TRAINING forever).
            LOG.errorf("domain job %s ran out of memory (max heap %d MiB)", job.id, heapMiB());
            fail(job, "training ran out of memory: the bundle is too large for this NLU's heap ("
                    + heapMiB() + " MiB); give the service more memory or the"
                    + " bundle fewer examples");
        } finally {
            job.finishedAt = clock.instant();
        }
    }

    private static long heapMiB() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static void fail(Job job, String reason) {
        job.status = JobStatus.FAILED;
        job.reason = reason;
        job.progress = 100;
    }

    public Optional<JobView> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(Job::view);
        }
    }

    public List<JobView> jobs() {
        synchronized (jobs) {
            List<JobView> out = new ArrayList<>();
            jobs.values().forEach(j -> out.add(j.view()));
            return out;
        }
    }

    /**
     * The bundle of a job that may be promoted.
     *
     * @throws IllegalStateException with the reason when the job did not pass
     */
    public DomainBundle promotable(String id) {
        Job job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            throw new java.util.NoSuchElementException(id);
        }
        switch (job.status) {
            case PASSED, PROMOTED -> {
                return job.bundle;
            }
            case REFUSED, FAILED -> throw new IllegalStateException(job.reason);
            default -> throw new IllegalStateException("the job is still " + job.status.name().toLowerCase());
        }
    }

    public void markPromoted(String id) {
        synchronized (jobs) {
            Job job = jobs.get(id);
            if (job != null) {
                job.status = JobStatus.PROMOTED;
            }
        }
    }
}
