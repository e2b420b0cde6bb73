package org.supportflow.ticket.transcript;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.erasure.CustomerErasure;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the bot looked up for a customer message and what came back ({@code conversation.routed}'s action step)
 * reaches the agent with that message: from the bot-only history after a handoff and on the ticket path, once
 * each, whether the routed event comes before or after the inbound one, and also after a redelivery.
 */
@QuarkusTest
@TestSecurity(user = "admin1", roles = "admin")
class TranscriptActionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ActionStep ASKED = ActionStep.asked("order_status", "order_number", 0);
    private static final ActionStep CALLED = ActionStep.called("order_status", List.of("order_number"), true,
            new ActionStep.Call("ok", 200, 312));
    private static final ActionStep TIMED_OUT = ActionStep.called("order_status", List.of("order_number"), true,
            new ActionStep.Call("timeout", 0, 2003));

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Inject
    EntityManager em;

    @Test
    void aBotOnlyFormIsShownStepByStepAfterTheHandoff() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        InboundMessageEvent question = inbound(conversationId, customerId, "주문한 거 어디쯤 왔어요?");
        OutboundMessageEvent askReply = TestEvents.botReply(conversationId, question.messageId(), "주문번호를 알려 주세요.");
        InboundMessageEvent number = inbound(conversationId, customerId, "A-1234");
        RoutedMessageEvent numberRouted = TestEvents.botAction(number, CALLED);
        OutboundMessageEvent answer = TestEvents.botReply(conversationId, number.messageId(), "내일 도착 예정이에요.");

        // the question: routed before inbound
        kafka.send(Topics.CONVERSATION_ROUTED, TestEvents.botAction(question, ASKED));
        await().atMost(WAIT).until(() -> historyRows(conversationId, question.messageId()) == 1);
        kafka.send(Topics.CONVERSATION_INBOUND, question);
        kafka.send(Topics.CONVERSATION_OUTBOUND, askReply);
        // the order number: inbound before routed, and the routed event delivered twice
        kafka.send(Topics.CONVERSATION_INBOUND, number);
        await().atMost(WAIT).until(() -> historyRows(conversationId, number.messageId()) == 1);
        kafka.send(Topics.CONVERSATION_ROUTED, numberRouted);
        kafka.send(Topics.CONVERSATION_ROUTED, numberRouted);
        kafka.send(Topics.CONVERSATION_OUTBOUND, answer);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(historyRows(conversationId, question.messageId())).isEqualTo(2);
            assertThat(historyRows(conversationId, number.messageId())).isEqualTo(2);
        });

        InboundMessageEvent handoff = inbound(conversationId, customerId, "상담원 연결해 주세요");
        kafka.send(Topics.CONVERSATION_ROUTED, TestEvents.handoff(handoff, Priority.HIGH));
        kafka.send(Topics.CONVERSATION_INBOUND, handoff);
        String ticketId = await().atMost(WAIT).until(() -> Scenario.activeTicket(conversationId)
                .map(ticket -> ticket.id).orElse(null), id -> id != null);

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> transcript = transcript(ticketId);
            assertThat(transcript).extracting(entry -> entry.get("messageId")).containsExactly(
                    question.messageId(), askReply.messageId(), number.messageId(), answer.messageId(),
                    handoff.messageId());
            assertThat(transcript.get(0).get("action")).isEqualTo(Map.of("action", "order_status", "step", "ASKED",
                    "slots", List.of("order_number"), "attempt", 0, "completesForm", false));
            assertThat(transcript.get(2).get("text")).isEqualTo("A-1234");
            assertThat(transcript.get(2).get("action")).isEqualTo(Map.of("action", "order_status", "step", "CALLED",
                    "slots", List.of("order_number"), "attempt", 0, "completesForm", true,
                    "call", Map.of("outcome", "ok", "httpStatus", 200, "millis", 312)));
            assertThat(transcript.get(4).get("text")).isEqualTo("상담원 연결해 주세요");
            for (int i : new int[]{1, 3, 4}) {
                assertThat(transcript.get(i)).as("entry %d", i).doesNotContainKey("action");
            }
        });

        // correcting the intent of a history-only message makes it a message row: the step goes with it
        given().contentType(ContentType.JSON).body(Map.of("intent", "refund_request"))
                .when().post("/api/v1/tickets/{id}/messages/{m}/intent", ticketId, number.messageId())
                .then().statusCode(200);
        List<Map<String, Object>> corrected = transcript(ticketId);
        assertThat(corrected).hasSize(5);
        assertThat(corrected.get(2).get("messageId")).isEqualTo(number.messageId());
        assertThat(((Map<?, ?>) corrected.get(2).get("action")).get("call"))
                .isEqualTo(Map.of("outcome", "ok", "httpStatus", 200, "millis", 312));
    }

    @Test
    void onTheTicketPathTheStepIsStoredWithTheMessageInAnyOrderAndSurvivesAnErasure() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        // the customer answers the form while a person has the ticket; routed first, twice, then inbound
        InboundMessageEvent number = inbound(handoff.conversationId(), handoff.customerId(), "A-1234");
        RoutedMessageEvent numberRouted = TestEvents.botAction(number, TIMED_OUT);
        kafka.send(Topics.CONVERSATION_ROUTED, numberRouted);
        kafka.send(Topics.CONVERSATION_ROUTED, numberRouted);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Message.of(handoff.conversationId(), number.messageId()).map(row -> row.action != null)
                        .orElse(false)));
        kafka.send(Topics.CONVERSATION_INBOUND, number);
        // and one more: inbound first, then routed
        InboundMessageEvent balance = inbound(handoff.conversationId(), handoff.customerId(), "잔액도 알려 주세요");
        kafka.send(Topics.CONVERSATION_INBOUND, balance);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Message.of(handoff.conversationId(), balance.messageId()).isPresent()));
        kafka.send(Topics.CONVERSATION_ROUTED, TestEvents.botAction(balance,
                ActionStep.identityRequired("account_balance")));

        Map<String, Object> timedOut = Map.of("action", "order_status", "step", "CALLED",
                "slots", List.of("order_number"), "attempt", 0, "completesForm", true,
                "call", Map.of("outcome", "timeout", "httpStatus", 0, "millis", 2003));
        Map<String, Object> identity = Map.of("action", "account_balance", "step", "IDENTITY_REQUIRED",
                "slots", List.of(), "attempt", 0, "completesForm", false);
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> transcript = transcript(handoff.ticketId());
            assertThat(transcript).extracting(entry -> entry.get("messageId"))
                    .containsExactly(handoff.messageId(), number.messageId(), balance.messageId());
            assertThat(transcript.get(0)).doesNotContainKey("action");
            assertThat(transcript.get(1).get("text")).isEqualTo("A-1234");
            assertThat(transcript.get(1).get("action")).isEqualTo(timedOut);
            assertThat(transcript.get(2).get("text")).isEqualTo("잔액도 알려 주세요");
            assertThat(transcript.get(2).get("action")).isEqualTo(identity);
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> Message.count("conversationId = ?1 and messageId = ?2",
                handoff.conversationId(), number.messageId()))).isEqualTo(1);

        // names and outcomes only: an erasure takes the words and keeps the step, like the intent
        given().when().delete("/api/v1/customers/{id}", handoff.customerId()).then().statusCode(200);
        List<Map<String, Object>> erased = transcript(handoff.ticketId());
        assertThat(erased.get(1).get("text")).isEqualTo(CustomerErasure.ERASED_TEXT);
        assertThat(erased.get(1).get("action")).isEqualTo(timedOut);
        assertThat(erased.get(2).get("action")).isEqualTo(identity);
    }

    private static InboundMessageEvent inbound(String conversationId, String customerId, String text) {
        return TestEvents.inbound(conversationId, TestEvents.newId("msg"), TestEvents.customer(customerId), text);
    }

    private long historyRows(String conversationId, String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from conversation_history where conversation_id = ?1 and message_id = ?2")
                .setParameter(1, conversationId)
                .setParameter(2, messageId)
                .getSingleResult()).longValue());
    }

    private static List<Map<String, Object>> transcript(String ticketId) {
        return given().when().get("/api/v1/tickets/{id}", ticketId).then().statusCode(200).extract().jsonPath()
                .getList("transcript");
    }
}
