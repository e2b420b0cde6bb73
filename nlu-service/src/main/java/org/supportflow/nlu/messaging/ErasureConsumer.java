package org.supportflow.nlu.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.CustomerErasureEvent;

/**
 * {@code customer.erasure}: nlu-service keeps nothing per customer (messages are processed in memory; the
 * feedback store holds masked text with no customer or conversation id), so an erasure request is
 * acknowledged without further action.
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    @Incoming(Channels.ERASURE)
    public void onErasure(CustomerErasureEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("empty erasure record");
        }
        LOG.debugf("erasure request %s acknowledged: nlu-service stores no personal data", event.eventId());
    }
}
