package org.supportflow.gateway.delivery;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.DeliveryStatusEvent.Status;

import java.time.Clock;
import java.util.Collection;

/**
 * Tells ticket-service how a reply reaches the customer ({@code conversation.delivery}), so the agent sees it in
 * the transcript. Informational and best effort: the reply's delivery never waits for it, and a status Kafka
 * did not take is logged (the transcript then shows no status for that reply, never a wrong one).
 */
@ApplicationScoped
public class DeliveryStatusPublisher {

    private static final Logger LOG = Logger.getLogger(DeliveryStatusPublisher.class);

    @Inject
    @Channel("delivery-status")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, DeliveryStatusEvent>> emitter;

    @Inject
    Clock clock;

    public void publish(String conversationId, String channelId, Collection<String> replyMessageIds, Status status) {
        for (String messageId : replyMessageIds) {
            DeliveryStatusEvent event = DeliveryStatusEvent.of(conversationId, channelId, messageId, status, clock.instant());
            try {
                emitter.send(Record.of(event.key(), event)).exceptionally(failure -> {
                    LOG.warnf("delivery status %s of reply %s not published: %s", status, messageId,
                            failure.getClass().getSimpleName());
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warnf("delivery status %s of reply %s not published: %s", status, messageId, e.getClass().getSimpleName());
            }
        }
    }
}
