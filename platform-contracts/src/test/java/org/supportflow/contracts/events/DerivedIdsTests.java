package org.supportflow.contracts.events;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Derived events produced twice from the same input are the same event; from other inputs, other events. */
class DerivedIdsTests {

    @Test
    void derivedIdsAreStableAndPartsCannotBeShifted() {
        assertThat(PlatformEvent.derivedId("k", "conv-1", "m-1")).isEqualTo(PlatformEvent.derivedId("k", "conv-1", "m-1"));
        assertThat(PlatformEvent.derivedId("k", "ab", "c")).isNotEqualTo(PlatformEvent.derivedId("k", "a", "bc"));
        assertThat(PlatformEvent.derivedId("k", "a")).isNotEqualTo(PlatformEvent.derivedId("other", "a"));
    }

    @Test
    void classifyingOrRoutingTheSameMessageTwiceGivesTheSameEvents() {
        InboundMessageEvent inbound = InboundMessageEvent.of("conv-1", "demo-web", ChannelType.WEB, "m-1",
                new Customer("cust-1", null, "ko-KR", null), "배송비 얼마예요?", null, Map.of());
        InboundMessageEvent republished = InboundMessageEvent.of("conv-1", "demo-web", ChannelType.WEB, "m-1",
                new Customer("cust-1", null, "ko-KR", null), "배송비 얼마예요?", null, Map.of());
        NluResult nlu = new NluResult("ko", "shipping_fee", 0.9, List.of(), SentimentLabel.NEUTRAL, 0.0, Urgency.LOW,
                List.of(), "배송비 얼마예요?", null, "v1");

        ClassifiedMessageEvent first = ClassifiedMessageEvent.of(inbound, nlu);
        ClassifiedMessageEvent again = ClassifiedMessageEvent.of(republished, nlu);
        assertThat(again.eventId()).isEqualTo(first.eventId());

        RoutingDecision decision = new RoutingDecision(RoutingDecision.Route.BOT, null, Priority.NORMAL, null, false);
        assertThat(RoutedMessageEvent.of(again, decision).eventId()).isEqualTo(RoutedMessageEvent.of(first, decision).eventId());
        assertThat(ClassifiedMessageEvent.of(InboundMessageEvent.of("conv-1", "demo-web", ChannelType.WEB, "m-2",
                new Customer("cust-1", null, null, null), "x", null, Map.of()), nlu).eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void theAutomaticReplyToAMessageIsOneReplyWhateverItSays() {
        OutboundMessageEvent answer = OutboundMessageEvent.automaticReply("conv-1", "demo-web", "m-1", Author.BOT,
                OutboundMessageEvent.Kind.ANSWER, "3,000원입니다.", List.of());
        OutboundMessageEvent recomposed = OutboundMessageEvent.automaticReply("conv-1", "demo-web", "m-1", Author.BOT,
                OutboundMessageEvent.Kind.FALLBACK, "다시 말씀해 주세요.", List.of());
        assertThat(recomposed.messageId()).isEqualTo(answer.messageId());
        assertThat(recomposed.eventId()).isEqualTo(answer.eventId());
        assertThat(OutboundMessageEvent.automaticReply("conv-1", "demo-web", "m-2", Author.BOT,
                OutboundMessageEvent.Kind.ANSWER, "3,000원입니다.", List.of()).messageId()).isNotEqualTo(answer.messageId());
        // an agent's replies are messages of their own
        assertThat(OutboundMessageEvent.of("conv-1", "demo-web", "m-1", Author.AGENT, "agent1",
                OutboundMessageEvent.Kind.AGENT_REPLY, "hi", List.of()).messageId()).isNotEqualTo(answer.messageId());
    }
}
