package org.supportflow.ticket.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.ticket.erasure.CustomerErasure;
import org.supportflow.ticket.publish.Channels;

import java.time.Duration;

/**
 * The Kafka side of ticket-service: hands each record to the domain, in order per channel, on a worker
 * thread. A record that fails for a passing reason is retried; one that still fails (or could not be
 * deserialised) goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class KafkaListeners {

    private static final TransientRetry RETRY = new TransientRetry(3, Duration.ofMillis(200));

    private final ConversationIngest ingest;
    private final CustomerErasure erasure;

    public KafkaListeners(ConversationIngest ingest, CustomerErasure erasure) {
        this.ingest = ingest;
        this.erasure = erasure;
    }

    @Incoming(Channels.INBOUND)
    @Blocking
    public void inbound(InboundMessageEvent event) {
        RETRY.run("inbound event", () -> ingest.onInbound(required(event)));
    }

    @Incoming(Channels.ROUTED)
    @Blocking
    public void routed(RoutedMessageEvent event) {
        RETRY.run("routed event", () -> ingest.onRouted(required(event)));
    }

    @Incoming(Channels.OUTBOUND_IN)
    @Blocking
    public void outbound(OutboundMessageEvent event) {
        RETRY.run("outbound event", () -> ingest.onOutbound(required(event)));
    }

    @Incoming(Channels.DELIVERY_STATUS)
    @Blocking
    public void deliveryStatus(DeliveryStatusEvent event) {
        RETRY.run("delivery status event", () -> ingest.onDeliveryStatus(required(event)));
    }

    @Incoming(Channels.ASSIGNMENTS)
    @Blocking
    public void assignment(AgentAssignmentEvent event) {
        RETRY.run("assignment event", () -> ingest.onAssignment(required(event)));
    }

    @Incoming(Channels.ERASURE_IN)
    @Blocking
    public void erasure(CustomerErasureEvent event) {
        RETRY.run("erasure event", () -> erasure.applyFromEvent(required(event)));
    }

    private static <T> T required(T event) {
        if (event == null) {
            throw new IllegalArgumentException("record without a readable event");
        }
        return event;
    }
}
