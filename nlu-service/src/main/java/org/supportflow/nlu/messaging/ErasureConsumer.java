package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.nlu.learning.ModelLifecycle;

/**
 * {@code customer.erasure}: messages are processed in memory, but agents' corrections copy the customer's
 * (masked) words into the feedback store, the training data of later models. The text of every
 * correction from the customer's conversations is replaced by the erasure marker, so no later retraining
 * uses it, and a model that learnt from them (the active one, stored versions) is replaced and deleted
 * ({@link org.supportflow.nlu.learning.ModelManager#forgetErasedWords()}). Each replica has a feedback store of
 * its own, so each reads every erasure request (a consumer
 * group per replica, see application.properties); erasing twice changes nothing.
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final ModelLifecycle lifecycle;

    public ErasureConsumer(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(Channels.ERASURE)
    @Blocking(ordered = true)
    public void onErasure(CustomerErasureEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("empty erasure record");
        }
        int erased = lifecycle.feedback().eraseConversations(event.conversationIds());
        LOG.infof("erasure request %s: %d stored corrections erased from %d conversations", event.eventId(), erased,
                event.conversationIds().size());
        // the words of those corrections are also in models trained from them: replace and delete those models
        lifecycle.manager().forgetErasedWords().ifPresent(outcome -> LOG.infof(
                "erasure request %s: active intent model replaced by %s", event.eventId(), outcome.activeVersion()));
    }
}
