package org.supportflow.routing.actions;

import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.devinfra.local.DemoOrderSystem;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.domain.DomainPolicyHandler;
import org.supportflow.routing.flow.Effects;
import org.supportflow.routing.flow.MessageRouter;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.routing.testing.Domains;
import org.supportflow.web.jdbc.CountingDataSource;
import org.supportflow.web.jdbc.Jdbc;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.routing.testing.Events.classified;
import static org.supportflow.routing.testing.Events.id;

/**
 * Actions through the whole routing flow on the real database, against the demo order system (the stand-in the
 * local platform runs) serving deploy/local/demo-orders: an answer from the system, a form over two messages,
 * a failing system, two failed attempts, a change of topic, a redelivery, and slot values masked in what goes
 * to analytics.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ActionsFlowTest {

    @Inject
    DomainPolicyHandler domainPolicy;
    @Inject
    Jdbc jdbc;
    @Inject
    ConversationStore conversations;
    @Inject
    AssignmentStore assignments;
    @Inject
    QueueStore queue;
    @Inject
    RoutingRules rules;
    @Inject
    PriorityRules priorities;
    @Inject
    SkillRequirements skills;
    @Inject
    ReplyComposer replies;
    @Inject
    AgentHours hours;

    @Inject
    AgroalDataSource dataSource;

    private HttpServer orders;
    private Actions actions;
    private MessageRouter router;
    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        domainPolicy.apply(Domains.shopPolicy());
        orders = DemoOrderSystem.start("127.0.0.1", 0, ShopActions.DEMO_ORDERS.toAbsolutePath().normalize());
        String base = "http://127.0.0.1:" + orders.getAddress().getPort();
        ActionMetrics metrics = new ActionMetrics() {
            @Override
            public void call(String action, String outcome, Duration latency) {
                calls.add(action + ":" + outcome);
            }

            @Override
            public void form(String action, String outcome) {
                calls.add(action + ":form_" + outcome);
            }
        };
        HttpActionCaller caller = new HttpActionCaller(key -> key.equals("routing.actions.systems.shop-orders.base-url")
                ? Optional.of(base) : Optional.empty(), Duration.ofSeconds(2), 5, Duration.ofSeconds(30),
                Clock.systemUTC(), metrics);
        actions = new Actions(new FormStore(), caller, metrics);
        actions.use(ShopActions.catalog());
        router = new MessageRouter(jdbc, conversations, assignments, queue, rules, priorities, skills, hours, replies,
                Clock.systemUTC(), actions);
    }

    @AfterEach
    void stop() {
        orders.stop(0);
        // Handoffs of this test wait in the queue: take them out, so that other tests' agents are not given them.
        jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM queue_entry WHERE conversation_id LIKE 'actions-conv-%'")) {
                return ps.executeUpdate();
            }
        });
    }

    private static String conversationId() {
        return id("actions-conv");
    }

    private static NluResult nlu(String language, String intent, double confidence, String text,
                                 NluResult.Entity... entities) {
        return new NluResult(language, intent, confidence, List.of(new NluResult.IntentScore(intent, confidence),
                new NluResult.IntentScore("shipping_info", 0.02)), SentimentLabel.NEUTRAL, 0.1, Urgency.NORMAL,
                List.of(entities), text, new NluResult.BotAnswer(intent + ".default", "일반 안내", List.of()), "m");
    }

    @Test
    void theOrderStatusComesFromTheCompanysSystemAndTheNumberIsMaskedForAnalytics() {
        String conversation = conversationId();
        Effects effects = router.route(classified(conversation, id("m"), nlu("ko", "order_status", 0.9,
                "주문번호 20261201-77812 배송 어디쯤이에요?", new NluResult.Entity("order_number", "20261201-77812"))));

        RoutingDecision decision = effects.routed().getFirst().decision();
        assertThat(decision.route()).isEqualTo(RoutingDecision.Route.BOT);
        OutboundMessageEvent answer = effects.outbound().getFirst();
        assertThat(answer.kind()).isEqualTo(OutboundMessageEvent.Kind.ANSWER);
        assertThat(answer.text()).contains("CJ대한통운").contains("2026-12-08").contains("무선 이어폰");
        NluResult published = effects.routed().getFirst().nlu();
        assertThat(published.maskedText()).isEqualTo("주문번호 [ORDER_NUMBER] 배송 어디쯤이에요?");
        assertThat(published.entities()).extracting(NluResult.Entity::value).containsExactly("[ORDER_NUMBER]");
        assertThat(calls).containsExactly("order_status_lookup:ok");
        // What the agent sees in the ticket and analytics counts: names and the outcome, never the number.
        ActionStep step = effects.routed().getFirst().action();
        assertThat(step.step()).isEqualTo(ActionStep.Step.CALLED);
        assertThat(step.action()).isEqualTo("order_status_lookup");
        assertThat(step.slots()).containsExactly("order_number");
        assertThat(step.completesForm()).isFalse();
        assertThat(step.call().outcome()).isEqualTo("ok");
        assertThat(step.call().httpStatus()).isEqualTo(200);
        assertThat(step.call().millis()).isNotNegative();
        assertThat(EventJson.toJson(effects.routed().getFirst())).doesNotContain("20261201-77812");
    }

    @Test
    void aPollWithACallIsCommittedAroundTheCallWhichIsMadeOnce() {
        CountingDataSource<DataSource> counter = CountingDataSource.wrap(DataSource.class, dataSource);
        MessageRouter counted = routerOn(counter);
        var before = classified(conversationId(), id("m"), nlu("ko", "shipping_info", 0.9, "배송비 얼마예요?"));
        var calling = classified(conversationId(), id("m"), nlu("ko", "order_status", 0.9,
                "주문번호 20261201-77812 배송 어디쯤이에요?", new NluResult.Entity("order_number", "20261201-77812")));
        var after = classified(conversationId(), id("m"), nlu("ko", "shipping_info", 0.9, "반품은요?"));
        var last = classified(conversationId(), id("m"), nlu("ko", "shipping_info", 0.9, "교환은요?"));

        Effects effects = counted.routeAll(List.of(before, calling, after, last));

        // [before] committed before the call, [calling] alone with its call, [after, last] together
        assertThat(counter.commits()).isEqualTo(3);
        assertThat(calls).containsExactly("order_status_lookup:ok");
        assertThat(effects.outbound()).extracting(OutboundMessageEvent::inReplyTo)
                .containsExactly(before.messageId(), calling.messageId(), after.messageId(), last.messageId());
        assertThat(effects.outbound().get(1).text()).contains("CJ대한통운");

        // Redelivered, the poll calls nothing and publishes the same answers (the system is down by now).
        orders.stop(0);
        Effects again = counted.routeAll(List.of(before, calling, after, last));
        assertThat(calls).hasSize(1);
        assertThat(again.outbound()).extracting(OutboundMessageEvent::eventId)
                .containsExactlyElementsOf(effects.outbound().stream().map(OutboundMessageEvent::eventId).toList());
        assertThat(again.outbound().get(1).text()).isEqualTo(effects.outbound().get(1).text());
    }

    @Test
    void theBotAsksForTheNumberAndTheNextMessageWithOnlyTheNumberCompletesIt() {
        String conversation = conversationId();
        Effects ask = router.route(classified(conversation, id("m"), nlu("en", "order_status", 0.9,
                "where is my parcel?")));
        assertThat(ask.outbound().getFirst().text()).contains("order number");
        assertThat(ask.routed().getFirst().action()).isEqualTo(ActionStep.asked("order_status_lookup", "order_number", 0));
        assertThat(ask.routed().getFirst().action().startsForm()).isTrue();

        String second = id("m");
        // A message holding only the number has no language of its own (the NLU may call it Korean): the form's
        // language (English) is kept.
        var number = classified(conversation, second, nlu("ko", "out_of_scope", 0.4, "20261201-77812"));
        Effects answer = router.route(number);

        assertThat(answer.routed().getFirst().decision().route()).isEqualTo(RoutingDecision.Route.BOT);
        assertThat(answer.outbound().getFirst().text()).contains("CJ Logistics").contains("2026-12-08");
        assertThat(answer.routed().getFirst().nlu().maskedText()).isEqualTo("[ORDER_NUMBER]");
        assertThat(calls).containsExactly("order_status_lookup:form_started", "order_status_lookup:form_completed",
                "order_status_lookup:ok");
        ActionStep completed = answer.routed().getFirst().action();
        assertThat(completed.step()).isEqualTo(ActionStep.Step.CALLED);
        assertThat(completed.completesForm()).isTrue();
        assertThat(completed.call().outcome()).isEqualTo("ok");

        // A redelivery publishes the same answer again without calling the system (which is down by now).
        orders.stop(0);
        Effects again = router.route(number);
        assertThat(again.outbound()).isEqualTo(answer.outbound().stream()
                .map(o -> again.outbound().getFirst()).toList());
        assertThat(again.outbound().getFirst().eventId()).isEqualTo(answer.outbound().getFirst().eventId());
        assertThat(again.outbound().getFirst().text()).isEqualTo(answer.outbound().getFirst().text());
        assertThat(again.routed().getFirst().action()).isEqualTo(completed);
        assertThat(calls).hasSize(3);
    }

    @Test
    void aFailingSystemGetsAnHonestAnswerAndAPersonWithTheReason() {
        Effects effects = router.route(classified(conversationId(), id("m"), nlu("ko", "order_status", 0.9,
                "주문번호 20261201-50300 어디쯤 왔나요", new NluResult.Entity("order_number", "20261201-50300"))));

        RoutingDecision decision = effects.routed().getFirst().decision();
        assertThat(decision.route()).isEqualTo(RoutingDecision.Route.HUMAN);
        assertThat(decision.handoffReason()).isEqualTo(HandoffReason.ACTION_FAILED);
        assertThat(effects.outbound().getFirst().text()).startsWith("죄송해요, 지금 주문 시스템에 연결되지 않아");
        assertThat(calls).containsExactly("order_status_lookup:server_error");
        ActionStep.Call call = effects.routed().getFirst().action().call();
        assertThat(call.outcome()).isEqualTo("server_error");
        assertThat(call.httpStatus()).isBetween(500, 599);
        assertThat(call.failed()).isTrue();
    }

    @Test
    void anUnknownOrderAndAnOrderWithoutShippingDetailsGetTheirOwnAnswers() {
        Effects unknown = router.route(classified(conversationId(), id("m"), nlu("ko", "order_status", 0.9,
                "주문번호 20261130-00000 어디쯤이에요")));
        assertThat(unknown.outbound().getFirst().text()).contains("찾지 못했어요");

        Effects preparing = router.route(classified(conversationId(), id("m"), nlu("ko", "order_status", 0.9,
                "20261203-10001 배송 언제 와요")));
        assertThat(preparing.outbound().getFirst().text()).contains("배송 정보가 아직 없어요");
        assertThat(calls).containsExactly("order_status_lookup:status_404", "order_status_lookup:ok");
        ActionStep.Call notFound = unknown.routed().getFirst().action().call();
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.failed()).as("an unknown order is an answer, not a failure").isFalse();
    }

    @Test
    void twoRepliesWithoutTheNumberGoToAPerson() {
        String conversation = conversationId();
        Effects asked = router.route(classified(conversation, id("m"), nlu("ko", "order_status", 0.9, "배송 어디쯤이에요?")));
        assertThat(asked.routed().getFirst().action().attempt()).isZero();
        Effects again = router.route(classified(conversation, id("m"), nlu("ko", "out_of_scope", 0.5, "몰라요")));
        assertThat(again.outbound().getFirst().text()).contains("주문번호");
        assertThat(again.routed().getFirst().decision().route()).isEqualTo(RoutingDecision.Route.BOT);
        assertThat(again.routed().getFirst().action()).isEqualTo(ActionStep.asked("order_status_lookup", "order_number", 1));

        Effects gaveUp = router.route(classified(conversation, id("m"), nlu("ko", "out_of_scope", 0.5, "글쎄요")));

        assertThat(gaveUp.routed().getFirst().decision().handoffReason()).isEqualTo(HandoffReason.SLOT_NOT_FILLED);
        assertThat(calls).containsExactly("order_status_lookup:form_started", "order_status_lookup:form_gave_up");
        assertThat(gaveUp.routed().getFirst().action()).isEqualTo(ActionStep.gaveUp("order_status_lookup", "order_number"));
    }

    @Test
    void aFormAskedTwiceAndGivenUpInOnePollSeesItsOwnChangesInOneTransaction() {
        CountingDataSource<DataSource> counter = CountingDataSource.wrap(DataSource.class, dataSource);
        MessageRouter counted = routerOn(counter);
        String conversation = conversationId();
        var asked = classified(conversation, id("m"), nlu("ko", "order_status", 0.9, "배송 어디쯤이에요?"));
        var unclear = classified(conversation, id("m"), nlu("ko", "out_of_scope", 0.5, "몰라요"));
        var stillUnclear = classified(conversation, id("m"), nlu("ko", "out_of_scope", 0.5, "글쎄요"));
        var other = classified(conversationId(), id("m"), nlu("ko", "shipping_info", 0.9, "배송비 얼마예요?"));

        Effects effects = counted.routeAll(List.of(asked, other, unclear, stillUnclear));

        // each message saw the form as the one before it left it, within the transaction
        assertThat(effects.routed()).extracting(routed -> routed.action() == null ? null : routed.action().step())
                .containsExactly(ActionStep.Step.ASKED, null, ActionStep.Step.ASKED, ActionStep.Step.GAVE_UP);
        assertThat(effects.routed().get(2).action()).isEqualTo(ActionStep.asked("order_status_lookup", "order_number", 1));
        assertThat(effects.routed().get(3).decision().handoffReason()).isEqualTo(HandoffReason.SLOT_NOT_FILLED);
        assertThat(counter.commits()).isEqualTo(1);
        assertThat(formsOf(conversation)).isZero();
    }

    /** A router with the domain's actions whose commits the counter counts. */
    private MessageRouter routerOn(CountingDataSource<DataSource> counter) {
        return new MessageRouter(new Jdbc(counter.dataSource(), Jdbc.DEFAULT_MAX_ATTEMPTS), conversations,
                assignments, queue, rules, priorities, skills, hours, replies, Clock.systemUTC(), actions);
    }

    private int formsOf(String conversation) {
        return jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT count(*) FROM action_form WHERE conversation_id = ?")) {
                ps.setString(1, conversation);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Test
    void aChangeOfTopicAbandonsTheFormAndIsAnsweredAsUsual() {
        String conversation = conversationId();
        router.route(classified(conversation, id("m"), nlu("ko", "order_status", 0.9, "배송 어디쯤이에요?")));

        Effects other = router.route(classified(conversation, id("m"), nlu("ko", "shipping_info", 0.9,
                "배송비는 얼마예요?")));

        assertThat(other.outbound().getFirst().text()).startsWith("일반 안내");
        assertThat(other.routed().getFirst().action()).isEqualTo(ActionStep.abandoned("order_status_lookup"));
        Effects later = router.route(classified(conversation, id("m"), nlu("ko", "out_of_scope", 0.3, "흠")));
        assertThat(later.outbound().getFirst().kind()).isEqualTo(OutboundMessageEvent.Kind.FALLBACK);
        assertThat(later.routed().getFirst().action()).isNull();
        assertThat(calls).containsExactly("order_status_lookup:form_started", "order_status_lookup:form_abandoned");
    }

    @Test
    void anAccountActionAnswersACustomerTheChannelVerified() {
        var verified = new org.supportflow.contracts.events.CustomerRef("user:u-42", "ko-KR", null, true);
        Effects cancellable = router.route(classified(conversationId(), id("m"), nlu("ko", "order_cancel", 0.9,
                "20261203-10001 주문 취소할 수 있나요?"), verified));
        assertThat(cancellable.outbound().getFirst().text()).contains("취소할 수 있어요").contains("39,000원");

        Effects shipped = router.route(classified(conversationId(), id("m"), nlu("ko", "order_cancel", 0.9,
                "20261201-77812 취소돼요?"), verified));
        assertThat(shipped.outbound().getFirst().text()).contains("이미 출고되어");
        assertThat(calls).containsExactly("cancellation_eligibility:ok", "cancellation_eligibility:status_409");
    }

    @Test
    void anAccountActionWithoutAVerifiedIdentitySaysWhatItNeeds() {
        Effects effects = router.route(classified(conversationId(), id("m"), nlu("ko", "order_cancel", 0.9,
                "20261203-10001 주문 취소할 수 있나요?")));

        assertThat(effects.outbound().getFirst().text()).contains("로그인");
        assertThat(calls).isEmpty();
        assertThat(effects.routed().getFirst().action()).isEqualTo(ActionStep.identityRequired("cancellation_eligibility"));
    }
}
