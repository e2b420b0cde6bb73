package org.supportflow.contracts.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;

/**
 * Kafka value deserializer for one event type. A record that is not valid JSON for the type throws
 * {@link SerializationException}, which the consumer's failure strategy sends to its dead-letter topic
 * instead of losing it. One concrete subclass per event, so that Kafka can instantiate it by class name.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(data, type);
        } catch (Exception e) {
            throw new SerializationException("record on " + topic + " is not a valid " + type.getSimpleName(), e);
        }
    }

    public static final class Inbound extends EventDeserializer<InboundMessageEvent> {
        public Inbound() {
            super(InboundMessageEvent.class);
        }
    }

    public static final class Classified extends EventDeserializer<ClassifiedMessageEvent> {
        public Classified() {
            super(ClassifiedMessageEvent.class);
        }
    }

    public static final class Routed extends EventDeserializer<RoutedMessageEvent> {
        public Routed() {
            super(RoutedMessageEvent.class);
        }
    }

    public static final class Outbound extends EventDeserializer<OutboundMessageEvent> {
        public Outbound() {
            super(OutboundMessageEvent.class);
        }
    }

    public static final class DeliveryStatus extends EventDeserializer<DeliveryStatusEvent> {
        public DeliveryStatus() {
            super(DeliveryStatusEvent.class);
        }
    }

    public static final class Ticket extends EventDeserializer<TicketEvent> {
        public Ticket() {
            super(TicketEvent.class);
        }
    }

    public static final class Presence extends EventDeserializer<AgentPresenceEvent> {
        public Presence() {
            super(AgentPresenceEvent.class);
        }
    }

    public static final class Assignment extends EventDeserializer<AgentAssignmentEvent> {
        public Assignment() {
            super(AgentAssignmentEvent.class);
        }
    }

    public static final class Feedback extends EventDeserializer<NluFeedbackEvent> {
        public Feedback() {
            super(NluFeedbackEvent.class);
        }
    }

    public static final class Erasure extends EventDeserializer<CustomerErasureEvent> {
        public Erasure() {
            super(CustomerErasureEvent.class);
        }
    }

    public static final class Domain extends EventDeserializer<DomainActivatedEvent> {
        public Domain() {
            super(DomainActivatedEvent.class);
        }
    }
}
