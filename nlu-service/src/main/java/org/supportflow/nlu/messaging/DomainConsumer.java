package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.nlu.learning.ModelLifecycle;

/**
 * {@code nlu.domain}, in a consumer group per replica: every replica swaps to a promoted (or rolled back)
 * domain. Older records (the compacted topic replayed from its start) are skipped by the lifecycle.
 */
@ApplicationScoped
public class DomainConsumer {

    private final ModelLifecycle lifecycle;

    public DomainConsumer(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(Channels.DOMAIN_IN)
    @Blocking(ordered = true)
    public void onDomain(DomainActivatedEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("empty domain record");
        }
        lifecycle.onDomainEvent(event);
    }
}
