package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.nlu.learning.ModelLifecycle;

/**
 * {@code nlu.feedback}: an agent's correction (masked text + right intent) becomes training data in the
 * feedback store, with its conversation id so that an erasure can find it; the learning loop retrains
 * once enough have arrived.
 */
@ApplicationScoped
public class FeedbackConsumer {

    private static final Logger LOG = Logger.getLogger(FeedbackConsumer.class);

    private final ModelLifecycle lifecycle;

    public FeedbackConsumer(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(Channels.FEEDBACK)
    @Blocking(ordered = true)
    public void onFeedback(NluFeedbackEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("empty feedback record");
        }
        boolean stored = lifecycle.feedback().append(event.eventId(), event.conversationId(), event.language(),
                event.correctedIntent(), event.maskedText());
        LOG.debugf("feedback %s (%s -> %s) %s", event.eventId(), event.predictedIntent(), event.correctedIntent(),
                stored ? "stored" : "already stored");
    }
}
