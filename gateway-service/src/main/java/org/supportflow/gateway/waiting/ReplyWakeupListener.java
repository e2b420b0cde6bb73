package org.supportflow.gateway.waiting;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.gateway.widget.WidgetStreams;

import java.util.List;

/**
 * Wakes up requests waiting on this replica. Every replica reads {@code conversation.outbound} in its OWN
 * consumer group ({@code gateway-waiters-<instance>}, from the latest offset, no commits), so a reply reaches
 * whichever replica holds the request; storing and delivering replies is the shared group's job
 * ({@code org.supportflow.gateway.delivery.OutboundDeliveryListener}). Web chat widget streams open on this
 * replica are woken up too.
 */
@ApplicationScoped
public class ReplyWakeupListener {

    private final ReplyWaiters waiters;
    private final WidgetStreams widgetStreams;

    public ReplyWakeupListener(ReplyWaiters waiters, WidgetStreams widgetStreams) {
        this.waiters = waiters;
        this.widgetStreams = widgetStreams;
    }

    /** A poll at a time (no per-record message, ack and context switch); an unreadable record is skipped. */
    @Incoming("reply-wakeups")
    public void onReplies(List<OutboundMessageEvent> events) {
        for (OutboundMessageEvent event : events) {
            onReply(event);
        }
    }

    void onReply(OutboundMessageEvent event) {
        widgetStreams.wake(event);
        if (event == null || event.inReplyTo() == null) {
            return;
        }
        waiters.complete(event.conversationId(), event.inReplyTo(), new ReplyView(event.text(), event.quickReplies()));
    }
}
