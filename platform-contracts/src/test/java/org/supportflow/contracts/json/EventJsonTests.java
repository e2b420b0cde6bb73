package org.supportflow.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTests {

    private static final Customer CUSTOMER = new Customer("cust-42", "홍길동", "ko-KR", "VIP");

    private static InboundMessageEvent inbound() {
        return InboundMessageEvent.of("conv-1", "demo-web", ChannelType.WEB, "ext-123", CUSTOMER,
                "주문한 상품이 아직 안 왔어요", Instant.parse("2026-11-22T10:00:00Z"), Map.of("page", "/orders"));
    }

    private static NluResult nlu() {
        return new NluResult("ko", "delivery_problem", 0.91,
                List.of(new NluResult.IntentScore("delivery_problem", 0.91), new NluResult.IntentScore("order_status", 0.05)),
                SentimentLabel.NEGATIVE, -0.6, Urgency.NORMAL, List.of(), "주문한 상품이 아직 안 왔어요", null, "m-1");
    }

    @Test
    void inboundRoundTripsWithEnvelopeFieldsAndIsoTimestamps() throws Exception {
        InboundMessageEvent event = inbound();

        String json = EventJson.toJson(event);
        JsonNode tree = EventJson.mapper().readTree(json);

        assertThat(tree.get("eventId").asText()).isEqualTo(event.eventId());
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(InboundMessageEvent.SCHEMA_VERSION);
        assertThat(tree.get("sentAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(tree.get("channelType").asText()).isEqualTo("web");
        assertThat(EventJson.fromJson(json, InboundMessageEvent.class)).isEqualTo(event);
    }

    @Test
    void classifiedEventLeavesRawTextAndNameBehind() {
        ClassifiedMessageEvent classified = ClassifiedMessageEvent.of(inbound(), nlu());

        String json = EventJson.toJson(classified);

        assertThat(json).doesNotContain("홍길동").doesNotContain("\"text\"");
        assertThat(classified.conversationId()).isEqualTo("conv-1");
        assertThat(classified.messageId()).isEqualTo("ext-123");
        assertThat(classified.customer().isVip()).isTrue();
        assertThat(EventJson.fromJson(json, ClassifiedMessageEvent.class)).isEqualTo(classified);
    }

    @Test
    void routedEventCarriesTheDecisionWithWireNames() throws Exception {
        RoutingDecision decision = new RoutingDecision(RoutingDecision.Route.HUMAN, HandoffReason.INTENT_POLICY,
                Priority.HIGH, null, false);
        RoutedMessageEvent routed = RoutedMessageEvent.of(ClassifiedMessageEvent.of(inbound(), nlu()), decision);

        JsonNode tree = EventJson.mapper().readTree(EventJson.toBytes(routed));

        assertThat(tree.at("/decision/handoffReason").asText()).isEqualTo("intent_policy");
        assertThat(tree.at("/decision/priority").asText()).isEqualTo("HIGH");
        assertThat(tree.at("/nlu/sentiment").asText()).isEqualTo("negative");
        assertThat(tree.has("agentId")).isFalse();
        assertThat(EventJson.fromBytes(EventJson.toBytes(routed), RoutedMessageEvent.class)).isEqualTo(routed);
    }

    @Test
    void routedEventCarriesWhatAnActionDidAndReadsWithoutIt() throws Exception {
        RoutingDecision bot = new RoutingDecision(RoutingDecision.Route.BOT, null, Priority.NORMAL, null, false);
        ActionStep step = ActionStep.called("order_status", List.of("order_number"), true,
                new ActionStep.Call("timeout", 0, 2003));
        RoutedMessageEvent routed = RoutedMessageEvent.of(ClassifiedMessageEvent.of(inbound(), nlu()), bot, step);

        String json = EventJson.toJson(routed);
        JsonNode tree = EventJson.mapper().readTree(json);

        assertThat(tree.at("/action/step").asText()).isEqualTo("CALLED");
        assertThat(tree.at("/action/call/outcome").asText()).isEqualTo("timeout");
        assertThat(EventJson.fromJson(json, RoutedMessageEvent.class)).isEqualTo(routed);
        assertThat(routed.action().call().failed()).isTrue();
        // Written before the field existed (or without an action): read with action null.
        RoutedMessageEvent plain = RoutedMessageEvent.of(ClassifiedMessageEvent.of(inbound(), nlu()), bot);
        String old = EventJson.toJson(plain);
        assertThat(EventJson.mapper().readTree(old).has("action")).isFalse();
        assertThat(EventJson.fromJson(old, RoutedMessageEvent.class).action()).isNull();
    }

    @Test
    void readersIgnoreFieldsAddedByANewerProducer() {
        String json = EventJson.toJson(AgentPresenceEvent.of("agent1", AgentStatus.ONLINE, 5, List.of("ko")))
                .replaceFirst("\\{", "{\"addedLater\":true,");

        AgentPresenceEvent read = EventJson.fromJson(json, AgentPresenceEvent.class);

        assertThat(read.agentId()).isEqualTo("agent1");
        assertThat(read.key()).isEqualTo("agent1");
        assertThat(read.conversationId()).isNull();
    }

    @Test
    void deserializerTurnsGarbageIntoASerializationExceptionForTheDeadLetterTopic() {
        EventDeserializer.Inbound deserializer = new EventDeserializer.Inbound();

        assertThatThrownBy(() -> deserializer.deserialize("conversation.inbound",
                "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("InboundMessageEvent");
        assertThatThrownBy(() -> deserializer.deserialize("conversation.inbound",
                "{\"conversationId\":\"c\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThat(deserializer.deserialize("conversation.inbound", null)).isNull();
    }

    @Test
    void serializerAndDeserializerAgree() {
        InboundMessageEvent event = inbound();
        byte[] bytes = new EventSerializer().serialize("conversation.inbound", event);

        assertThat(new EventDeserializer.Inbound().deserialize("conversation.inbound", bytes)).isEqualTo(event);
    }
}
