package org.supportflow.gateway.conversation;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.web.messaging.PollConsumer;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * {@code ticket.events} (group {@code gateway-service}): a CLOSED ticket closes its conversation, so the
 * customer's next message opens a new one; SOLVED starts the solved grace period; an active status ends it.
 * A poll at a time, in one transaction of a few statements ({@link TicketStatusUpdates}); a record that cannot
 * be read or applied goes to {@code ticket.events.gateway-service.dlq} ({@link PollConsumer}: the rest of the
 * poll still takes effect).
 */
@ApplicationScoped
public class TicketEventListener {

    private final ConversationStore conversations;
    private final Clock clock;
    private final PollConsumer<TicketEvent> polls;

    public TicketEventListener(ConversationStore conversations, Clock clock,
                               @Channel("ticket-events-dead-letters") Emitter<byte[]> deadLetters) {
        this.conversations = conversations;
        this.clock = clock;
        this.polls = new PollConsumer<>("ticket events", deadLetters);
    }

    /** Acknowledges the poll (its offsets) once every event took effect or is on the dead-letter topic. */
    @Incoming("ticket-events")
    @Blocking
    public CompletionStage<Void> onTicketEvents(KafkaRecordBatch<String, TicketEvent> batch) {
        polls.consume(batch, events ->
                conversations.applyTicketStatuses(TicketStatusUpdates.of(events, clock.instant())));
        return batch.ack();
    }
}
