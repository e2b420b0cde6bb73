package org.supportflow.ticket.feedback;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
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
import static org.hamcrest.Matchers.equalTo;

/** An agent's intent correction goes to {@code nlu.feedback} with the masked text only. */
@QuarkusTest
@TestSecurity(user = "agent1", roles = "agent")
class IntentCorrectionTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Inject
    CustomerErasure erasure;

    @Test
    void aCorrectionIsPublishedWithTheMaskedText() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        given().contentType(ContentType.JSON).body(Map.of("intent", "refund_request"))
                .when().post("/api/v1/tickets/{id}/messages/{m}/intent", handoff.ticketId(), handoff.messageId())
                .then().statusCode(200)
                .body("predictedIntent", equalTo("delivery_problem"))
                .body("correctedIntent", equalTo("refund_request"));

        NluFeedbackEvent feedback = kafka.await(Topics.NLU_FEEDBACK, NluFeedbackEvent.class,
                event -> handoff.messageId().equals(event.messageId()), Duration.ofSeconds(30)).value();
        assertThat(feedback.maskedText()).isEqualTo(Scenario.MASKED_TEXT).doesNotContain("010-1234-5678");
        assertThat(feedback.predictedIntent()).isEqualTo("delivery_problem");
        assertThat(feedback.correctedIntent()).isEqualTo("refund_request");
        assertThat(feedback.ticketId()).isEqualTo(handoff.ticketId());
        assertThat(feedback.agentId()).isEqualTo("agent1");
        assertThat(feedback.language()).isEqualTo("ko");
        given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200)
                .body("transcript[0].nlu.correctedIntent", equalTo("refund_request"));
    }

    @Test
    void refusesWhatCannotBeCorrected() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String path = "/api/v1/tickets/{id}/messages/{m}/intent";
        given().contentType(ContentType.JSON).body(Map.of("intent", "Teleportation!"))
                .when().post(path, handoff.ticketId(), handoff.messageId())
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("unknown_intent"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post(path, handoff.ticketId(), handoff.messageId())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post(path, handoff.ticketId(), "no-such-message")
                .then().statusCode(404).body("error", equalTo("not_found"));

        // a customer message the NLU has not classified yet: nothing masked to publish
        InboundMessageEvent unclassified = TestEvents.inbound(handoff.conversationId(), TestEvents.newId("msg"),
                TestEvents.customer(handoff.customerId()), "또 문의드려요");
        ingest.onInbound(unclassified);
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post(path, handoff.ticketId(), unclassified.messageId())
                .then().statusCode(409).body("error", equalTo("not_classified"));

        // a bot reply has no intent
        OutboundMessageEvent bot = TestEvents.botReply(handoff.conversationId(), handoff.messageId(), "안내해 드릴게요");
        ingest.onOutbound(bot);
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post(path, handoff.ticketId(), bot.messageId())
                .then().statusCode(409).body("error", equalTo("not_a_customer_message"));
    }

    @Test
    void anErasedMessageTeachesTheNluNothing() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        erasure.applyFromEvent(CustomerErasureEvent.of(handoff.customerId(), List.of(handoff.conversationId()),
                "privacy-desk"));

        given().contentType(ContentType.JSON).body(Map.of("intent", "refund_request"))
                .when().post("/api/v1/tickets/{id}/messages/{m}/intent", handoff.ticketId(), handoff.messageId())
                .then().statusCode(409).body("error", equalTo("erased"));
    }
}
