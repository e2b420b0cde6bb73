package org.supportflow.routing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.routing.erasure.ErasureHandler;
import org.supportflow.routing.flow.Effects;
import org.supportflow.routing.flow.MessageRouter;
import org.supportflow.routing.flow.PresenceHandler;
import org.supportflow.routing.flow.TicketEventHandler;
import org.supportflow.web.messaging.BrokerAcks;
import org.supportflow.web.messaging.PollConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kafka listeners: each hands its events to the domain, publishes the effects, and acknowledges its input
 * once they are written. Processing is ordered per channel, so the messages of one conversation (one key,
 * one partition) are routed in order.
 * <p>
 * Classified messages (the bot path) and ticket events come a poll at a time: the poll is applied in one
 * transaction (see {@link MessageRouter#routeAll}, {@link TicketEventHandler#handleAll}), its effects
 * published, and the poll acknowledged once the broker has acknowledged them all. A record that cannot be
 * read, or that fails for good, is isolated by {@link PollConsumer} and sent to the channel's dead-letter topic
 * ({@code conversation.classified.routing-service.dlq}, {@code ticket.events.routing-service.dlq}); the rest
 * of the poll still takes effect. The other channels carry a record at a time; a record of theirs that cannot
 * be read or fails is nacked, which sends it to the consumer's dead-letter topic
 * ({@code <topic>.routing-service.dlq}) and lets the partition move on.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private final MessageRouter router;
    private final TicketEventHandler tickets;
    private final PresenceHandler presence;
    private final ErasureHandler erasure;
    private final EventPublisher publisher;
    private final MeterRegistry metrics;
    private final PollConsumer<ClassifiedMessageEvent> classifiedPolls;
    private final PollConsumer<TicketEvent> ticketPolls;

    public Consumers(MessageRouter router, TicketEventHandler tickets, PresenceHandler presence, ErasureHandler erasure,
                     EventPublisher publisher, MeterRegistry metrics,
                     @Channel(Channels.CLASSIFIED_DEAD_LETTERS) Emitter<byte[]> classifiedDeadLetters,
                     @Channel(Channels.TICKET_EVENTS_DEAD_LETTERS) Emitter<byte[]> ticketDeadLetters) {
        this.router = router;
        this.tickets = tickets;
        this.presence = presence;
        this.erasure = erasure;
        this.publisher = publisher;
        this.metrics = metrics;
        this.classifiedPolls = new PollConsumer<>("classified messages", classifiedDeadLetters, (record, cause) ->
                metrics.counter("routing.failures", "channel", Channels.CLASSIFIED).increment());
        this.ticketPolls = new PollConsumer<>("ticket events", ticketDeadLetters, (record, cause) ->
                metrics.counter("routing.failures", "channel", Channels.TICKET_EVENTS).increment());
    }

    @Incoming(Channels.CLASSIFIED)
    @Blocking
    public CompletionStage<Void> onClassified(KafkaRecordBatch<String, ClassifiedMessageEvent> batch) {
        return consumePoll(batch, classifiedPolls, router::routeAll,
                published -> published.routed().forEach(this::count));
    }

    @Incoming(Channels.TICKET_EVENTS)
    @Blocking
    public CompletionStage<Void> onTicketEvents(KafkaRecordBatch<String, TicketEvent> batch) {
        return consumePoll(batch, ticketPolls, tickets::handleAll, published -> { });
    }

    /**
     * Applies a poll as {@code polls} splits it into units of work, publishes the effects of the units that
     * committed, and acknowledges the poll once the broker has them ({@code afterPublish} sees them then).
     */
    private <E> CompletionStage<Void> consumePoll(KafkaRecordBatch<String, E> batch, PollConsumer<E> polls,
                                                  Function<List<E>, Effects> unit, Consumer<Effects> afterPublish) {
        Effects effects;
        try {
            // Effects only of units that committed: a failed unit's records are applied again when the poll is split.
            List<Effects> committed = new ArrayList<>();
            polls.consume(batch, events -> committed.add(unit.apply(events)));
            effects = Effects.concat(committed);
            BrokerAcks.await(() -> publisher.publish(effects), "effects");
        } catch (RuntimeException e) {
            // the poll is not done: the channel fails (failure-strategy=fail) rather than acknowledge it
            return batch.nack(e);
        }
        afterPublish.accept(effects);
        return batch.ack();
    }

    @Incoming(Channels.PRESENCE)
    @Blocking
    public CompletionStage<Void> onPresence(Message<AgentPresenceEvent> message) {
        return process(message, Channels.PRESENCE, presence::handle);
    }

    @Incoming(Channels.ERASURE)
    @Blocking
    public CompletionStage<Void> onErasure(Message<CustomerErasureEvent> message) {
        return process(message, Channels.ERASURE, event -> {
            ErasureHandler.Result result = erasure.handle(event);
            LOG.infof("erased routing state of %d conversation(s) on request %s", result.erasedConversations(),
                    event.eventId());
            return Effects.ofAssignments(result.assignments());
        });
    }

    private <T> CompletionStage<Void> process(Message<T> message, String channel, Function<T, Effects> work) {
        T payload = message.getPayload();
        if (payload == null) {
            LOG.warnf("unreadable record on channel %s, sending it to the dead-letter topic", channel);
            return message.nack(new IllegalArgumentException("unreadable record on channel " + channel));
        }
        Effects effects;
        try {
            effects = work.apply(payload);
        } catch (RuntimeException e) {
            LOG.errorf(e, "processing a record of channel %s failed, sending it to the dead-letter topic", channel);
            metrics.counter("routing.failures", "channel", channel).increment();
            return message.nack(e);
        }
        return publisher.publish(effects).handle((ignored, failure) -> failure)
                .thenCompose(failure -> failure == null ? message.ack() : message.nack(failure));
    }

    private void count(RoutedMessageEvent routed) {
        metrics.counter("routing.decisions", "route", routed.decision().route().name(),
                "reason", routed.decision().handoffReason() == null ? "none"
                        : routed.decision().handoffReason().wireName()).increment();
    }
}
