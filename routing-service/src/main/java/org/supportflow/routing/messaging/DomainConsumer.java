package org.supportflow.routing.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.routing.domain.DomainPolicyHandler;

/**
 * {@code nlu.domain} in a consumer group per replica (from the start of the compacted topic): every routing
 * replica applies the active domain's policy. An unreadable record goes to {@code nlu.domain.routing-service.dlq}.
 */
@ApplicationScoped
public class DomainConsumer {

    private final DomainPolicyHandler handler;

    public DomainConsumer(DomainPolicyHandler handler) {
        this.handler = handler;
    }

    @Incoming(Channels.DOMAIN)
    @Blocking(ordered = true)
    public void onDomain(DomainActivatedEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("empty domain record");
        }
        handler.handle(event);
    }
}
