package org.supportflow.ticket.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.domain.ActiveIntents;
import org.supportflow.contracts.events.DomainActivatedEvent;

/**
 * {@code nlu.domain}, read by every replica in a consumer group of its own from the start of the compacted
 * topic: the active domain's intents for the console and for intent corrections.
 */
@ApplicationScoped
public class DomainListener {

    /** The channel name in application.properties. */
    static final String CHANNEL = "domain";

    private final ActiveIntents intents;

    public DomainListener(ActiveIntents intents) {
        this.intents = intents;
    }

    @Incoming(CHANNEL)
    public void onDomain(DomainActivatedEvent event) {
        if (event != null) { // an undeserialisable record: nothing to learn from it
            intents.update(event);
        }
    }

    /** The one holder of the active intents. */
    @Singleton
    static class Wiring {
        @Produces
        @Singleton
        ActiveIntents activeIntents() {
            return new ActiveIntents();
        }
    }
}
