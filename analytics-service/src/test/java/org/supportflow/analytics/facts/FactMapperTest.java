package org.supportflow.analytics.facts;

import org.junit.jupiter.api.Test;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.analytics.support.Events;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactMapperTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final CustomerKeys keys = new CustomerKeys("unit-test-secret");
    private final FactMapper mapper = new FactMapper(keys);

    @Test
    void keepsTheDecisionTheMaskedTextAndAPseudonymousCustomer() {
        RoutedMessageEvent event = Events.routed("conv-1", "demo-kakao", ChannelType.KAKAO, "cust-42", "m-1", AT,
                "human_agent", 0.97, RoutingDecision.Route.HUMAN, HandoffReason.REQUESTED, "상담원 연결해 주세요");

        FactMapper.MappedMessage mapped = mapper.toFact(event);
        MessageFact fact = mapped.fact();

        assertThat(fact.eventId()).isEqualTo(event.eventId());
        assertThat(fact.conversationId()).isEqualTo("conv-1");
        assertThat(fact.channelType()).isEqualTo("kakao");
        assertThat(fact.receivedAt()).isEqualTo(AT);
        assertThat(fact.routedAt()).isEqualTo(event.occurredAt());
        assertThat(fact.intent()).isEqualTo("human_agent");
        assertThat(fact.route()).isEqualTo("HUMAN");
        assertThat(fact.handoffReason()).isEqualTo("requested");
        assertThat(fact.priority()).isEqualTo("NORMAL");
        assertThat(fact.sentiment()).isEqualTo("neutral");
        assertThat(fact.maskedText()).isEqualTo("상담원 연결해 주세요");
        assertThat(fact.customerKey()).isEqualTo(keys.keyOf("cust-42")).doesNotContain("cust-42");
        assertThat(mapped.remasked()).isFalse();
    }

    @Test
    void masksPersonalDataTheNluMissed() {
        RoutedMessageEvent event = Events.bot("conv-1", "demo-web", "cust-1", AT, "out_of_scope", 0.2,
                "연락처 010-9876-5432, mail lee@example.com");

        FactMapper.MappedMessage mapped = mapper.toFact(event);

        assertThat(mapped.fact().maskedText()).isEqualTo("연락처 [PHONE], mail [EMAIL]");
        assertThat(mapped.remasked()).isTrue();
    }

    @Test
    void fallsBackToTheEventTimeWithoutReceivedAt() {
        RoutedMessageEvent base = Events.bot("conv-1", "demo-web", "cust-1", AT, "greeting", 0.9, "안녕하세요");
        RoutedMessageEvent event = new RoutedMessageEvent(base.eventId(), 1, AT, base.conversationId(),
                base.channelId(), base.messageId(), base.channelType(), base.customer(), null, null, base.decision());

        MessageFact fact = mapper.toFact(event).fact();

        assertThat(fact.receivedAt()).isEqualTo(AT);
        assertThat(fact.intent()).isNull();
        assertThat(fact.maskedText()).isNull();
        assertThat(fact.notUnderstood(0.5)).isTrue();
    }

    @Test
    void refusesEventsItCannotCount() {
        RoutedMessageEvent base = Events.bot("conv-1", "demo-web", "cust-1", AT, "greeting", 0.9, "hi");
        assertThatThrownBy(() -> mapper.toFact(new RoutedMessageEvent(null, 1, AT, "conv-1", "demo-web", "m",
                ChannelType.WEB, null, AT, base.nlu(), base.decision()))).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> mapper.toFact(new RoutedMessageEvent("e-1", 2, AT, "conv-1", "demo-web", "m",
                ChannelType.WEB, null, AT, base.nlu(), base.decision())))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schema version");
        assertThatThrownBy(() -> mapper.toFact(new RoutedMessageEvent("e-1", 1, null, "conv-1", "demo-web", "m",
                ChannelType.WEB, null, null, base.nlu(), base.decision())))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> mapper.toFact(new RoutedMessageEvent("e-1", 1, AT, "c".repeat(300), "demo-web", "m",
                ChannelType.WEB, null, AT, base.nlu(), base.decision())))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("conversationId");
    }

    @Test
    void mapsTicketEvents() {
        TicketEvent csat = Events.csat("conv-1", "demo-web", "t-1", AT, 4);
        TicketFact fact = mapper.toFact(csat);
        assertThat(fact.type()).isEqualTo("CSAT_RECORDED");
        assertThat(fact.csatScore()).isEqualTo(4);
        assertThat(fact.occurredAt()).isEqualTo(AT);

        TicketEvent breach = Events.ticket("conv-1", "demo-web", "t-1", TicketEvent.Type.SLA_BREACHED, AT,
                TicketStatus.OPEN, Priority.HIGH, null, Map.of("sla", "first_response"));
        assertThat(mapper.toFact(breach).sla()).isEqualTo("first_response");
        assertThat(mapper.toFact(breach).priority()).isEqualTo("HIGH");
    }

    @Test
    void refusesAScoreOutsideOneToFive() {
        assertThatThrownBy(() -> mapper.toFact(Events.csat("conv-1", "demo-web", "t-1", AT, 6)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> mapper.toFact(Events.ticket("conv-1", "demo-web", "t-1",
                TicketEvent.Type.CSAT_RECORDED, AT, TicketStatus.SOLVED, Priority.LOW, null, Map.of())))
                .isInstanceOf(InvalidEventException.class);
    }

    private ActionFact actionOf(ActionStep step) {
        RoutedMessageEvent event = Events.withAction(
                Events.bot("conv-1", "demo-web", "cust-1", AT, "order_status", 0.9, "주문 조회"), step);
        return mapper.toFact(event).fact().action();
    }

    @Test
    void aMessageWithoutAnActionHasNoActionColumns() {
        assertThat(mapper.toFact(Events.bot("conv-1", "demo-web", "cust-1", AT, "greeting", 0.9, "hi")).fact()
                .action()).isNull();
    }

    @Test
    void eachStepKeepsTheFieldsTheContractDefinesForIt() {
        assertThat(actionOf(ActionStep.asked("order_status", "order_number", 0)))
                .isEqualTo(new ActionFact("order_status", "ASKED", 0, null, null, null, null, null));
        assertThat(actionOf(ActionStep.asked("order_status", "order_number", 2)).attempt()).isEqualTo(2);
        assertThat(actionOf(ActionStep.identityRequired("order_status")))
                .isEqualTo(new ActionFact("order_status", "IDENTITY_REQUIRED", null, null, null, null, null, null));
        assertThat(actionOf(ActionStep.gaveUp("order_status", "order_number")))
                .isEqualTo(new ActionFact("order_status", "GAVE_UP", null, null, null, null, null, null));
        assertThat(actionOf(ActionStep.abandoned("order_status")))
                .isEqualTo(new ActionFact("order_status", "ABANDONED", null, null, null, null, null, null));
        // an attempt or a call on a step that does not use it is not kept
        assertThat(actionOf(new ActionStep("order_status", ActionStep.Step.GAVE_UP, List.of(), 3, true,
                new ActionStep.Call("ok", 200, 5))))
                .isEqualTo(new ActionFact("order_status", "GAVE_UP", null, null, null, null, null, null));
    }

    @Test
    void aCallKeepsItsOutcomeStatusTimeAndWhetherItFailed() {
        assertThat(actionOf(ActionStep.called("order_status", List.of("order_number"), true,
                new ActionStep.Call("ok", 200, 120))))
                .isEqualTo(new ActionFact("order_status", "CALLED", null, true, "ok", false, 200, 120L));
        // a status the system answers on purpose is no failure
        assertThat(actionOf(ActionStep.called("order_status", List.of("order_number"), false,
                new ActionStep.Call("status_404", 404, 80))))
                .isEqualTo(new ActionFact("order_status", "CALLED", null, false, "status_404", false, 404, 80L));
        // no response: no status
        assertThat(actionOf(ActionStep.called("order_status", List.of(), false,
                new ActionStep.Call("timeout", 0, 3000))))
                .isEqualTo(new ActionFact("order_status", "CALLED", null, false, "timeout", true, null, 3000L));
        assertThat(actionOf(ActionStep.called("order_status", List.of(), false,
                new ActionStep.Call("server_error", 503, 40))).callFailed()).isTrue();
    }

    @Test
    void refusesAnActionStepItCannotStore() {
        assertThatThrownBy(() -> actionOf(ActionStep.gaveUp("a".repeat(65), "order_number")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> actionOf(ActionStep.gaveUp(" ", "order_number")))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> actionOf(ActionStep.called("order_status", List.of(), false,
                new ActionStep.Call("ok", 200, -1)))).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> actionOf(ActionStep.called("order_status", List.of(), false,
                new ActionStep.Call("x".repeat(33), 0, 1)))).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> actionOf(ActionStep.asked("order_status", "order_number", -1)))
                .isInstanceOf(InvalidEventException.class);
    }
}
