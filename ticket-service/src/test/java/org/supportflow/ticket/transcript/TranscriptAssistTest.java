package org.supportflow.ticket.transcript;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the bot knew of a customer message reaches the agent: the knowledge-base answer for its intent and
 * the NLU's entities, from {@code conversation.routed}; an erasure removes the entities with the text.
 */
@QuarkusTest
class TranscriptAssistTest {

    private static final String ANSWER = "주문 조회는 마이페이지 > 주문 내역에서 하실 수 있어요.";

    @Inject
    ConversationIngest ingest;

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void theTicketShowsTheAnswerAndEntitiesOfEachCustomerMessage() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, TestEvents.newId("msg"),
                TestEvents.customer(customerId), "주문 A-1234 어디쯤 왔나요? 상담원 연결해 주세요");
        NluResult nlu = new NluResult("ko", "order_status", 0.82,
                List.of(new NluResult.IntentScore("order_status", 0.82)), SentimentLabel.NEUTRAL, 0.0,
                Urgency.NORMAL, List.of(new NluResult.Entity("order_number", "A-1234")),
                "주문 A-1234 어디쯤 왔나요? 상담원 연결해 주세요",
                new NluResult.BotAnswer("kb-order-status-ko", ANSWER, List.of()), "test-model-1");
        ingest.onInbound(inbound);
        ingest.onRouted(RoutedMessageEvent.of(ClassifiedMessageEvent.of(inbound, nlu),
                new RoutingDecision(RoutingDecision.Route.HUMAN, HandoffReason.REQUESTED, Priority.NORMAL, null,
                        false)));
        String ticketId = Scenario.activeTicket(conversationId).orElseThrow().id;

        given().when().get("/api/v1/tickets/{id}", ticketId)
                .then().statusCode(200)
                .body("transcript[0].nlu.answer.answerId", equalTo("kb-order-status-ko"))
                .body("transcript[0].nlu.answer.text", equalTo(ANSWER))
                .body("transcript[0].nlu.entities[0].type", equalTo("order_number"))
                .body("transcript[0].nlu.entities[0].value", equalTo("A-1234"));

        given().when().delete("/api/v1/customers/{id}", customerId).then().statusCode(200);
        given().when().get("/api/v1/tickets/{id}", ticketId)
                .then().statusCode(200)
                .body("transcript[0].text", equalTo("[erased]"))
                .body("transcript[0].nlu.entities", nullValue())
                .body("transcript[0].nlu.intent", equalTo("order_status"))
                .body("transcript[0].nlu.answer.text", equalTo(ANSWER));
    }
}
