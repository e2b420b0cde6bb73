package org.supportflow.gateway.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.OutboundMessageEvent;

/**
 * {@code conversation.outbound} in the shared group {@code gateway-service}: every reply is delivered by one
 * replica. A failed delivery (or an undecodable record) goes to {@code conversation.outbound.gateway-service.dlq}.
 */
@ApplicationScoped
public class OutboundDeliveryListener {

    private final ReplyDelivery delivery;

    public OutboundDeliveryListener(ReplyDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming("outbound")
    public Uni<Void> onReply(OutboundMessageEvent event) {
        if (event == null) {
            return Uni.createFrom().failure(new DeliveryFailure("record without a value", false, null));
        }
        return delivery.deliver(event);
    }
}
