package org.supportflow.gateway.conversation;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.TicketEvent;

import java.time.Clock;

/**
 * {@code ticket.events} (group {@code gateway-service}): a CLOSED ticket closes its conversation, so the
 * customer's next message opens a new one; SOLVED starts the solved grace period; an active status ends it.
 */
@ApplicationScoped
public class TicketEventListener {

    private final ConversationStore conversations;
    private final Clock clock;

    public TicketEventListener(ConversationStore conversations, Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicketEvent(TicketEvent event) {
        if (event == null || event.status() == null) {
            return;
        }
        var at = event.occurredAt() != null ? event.occurredAt() : clock.instant();
        switch (event.status()) {
            case CLOSED -> conversations.markClosed(event.conversationId(), at);
            case SOLVED -> conversations.markSolved(event.conversationId(), at);
            case NEW, OPEN, PENDING -> conversations.markActive(event.conversationId());
        }
    }
}
