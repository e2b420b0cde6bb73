package org.supportflow.routing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
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

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Kafka listeners: each hands its event to the domain, publishes the effects, and acknowledges the record
 * once they are written. A record that cannot be read (null payload after a deserialization failure) or
 * whose processing fails is nacked, which sends it to the consumer's dead-letter topic
 * ({@code <topic>.routing-service.dlq}) and lets the partition move on. Processing is ordered per
 * channel, so the messages of one conversation (one key, one partition) are routed in order.
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

    public Consumers(MessageRouter router, TicketEventHandler tickets, PresenceHandler presence, ErasureHandler erasure,
                     EventPublisher publisher, MeterRegistry metrics) {
        this.router = router;
        this.tickets = tickets;
        this.presence = presence;
        this.erasure = erasure;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Incoming(Channels.CLASSIFIED)
    @Blocking
    public CompletionStage<Void> onClassified(Message<ClassifiedMessageEvent> message) {
        return process(message, Channels.CLASSIFIED, event -> {
            Effects effects = router.route(event);
            effects.routed().forEach(this::count);
            return effects;
        });
    }

    @Incoming(Channels.TICKET_EVENTS)
    @Blocking
    public CompletionStage<Void> onTicketEvent(Message<TicketEvent> message) {
        return process(message, Channels.TICKET_EVENTS, tickets::handle);
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
