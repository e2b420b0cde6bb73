package org.supportflow.analytics.labels;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.supportflow.analytics.messaging.FeedbackEmitter;

import java.time.Duration;
import java.util.List;

/**
 * Publishes the labels waiting in {@code label_feedback_outbox} on {@code nlu.feedback} and deletes each once Kafka
 * acknowledged it. Replicas share the work without sending a row twice at once ({@code for update skip locked});
 * a row sent but not deleted (a crash in between) is sent again with the same event id, which the NLU stores once.
 */
@ApplicationScoped
public class LabelFeedbackRelay {

    private static final Logger LOG = Logger.getLogger(LabelFeedbackRelay.class);
    static final int BATCH = 50;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final LabelRepository repository;
    private final FeedbackEmitter emitter;

    public LabelFeedbackRelay(LabelRepository repository, FeedbackEmitter emitter) {
        this.repository = repository;
        this.emitter = emitter;
    }

    @Scheduled(every = "2s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            relay();
        } catch (RuntimeException e) {
            // Kafka or the database out of reach: the rows stay and the next tick tries again.
            LOG.warnf("labels not yet sent to the NLU (will retry): %s", e.getMessage());
        }
    }

    /** Publishes one batch; returns how many rows left the outbox (sent, or dropped because erased). */
    @Transactional
    public int relay() {
        List<PendingLabel> pending = repository.pendingFeedback(BATCH);
        for (PendingLabel label : pending) {
            LabelFeedback.event(label).ifPresent(event -> emitter.sendAndAwait(event, ACK_TIMEOUT));
            repository.feedbackSent(label.feedbackId());
        }
        return pending.size();
    }
}
