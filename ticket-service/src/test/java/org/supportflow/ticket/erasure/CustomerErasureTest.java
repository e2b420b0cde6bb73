package org.supportflow.ticket.erasure;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.customers.ChannelIdentity;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.transcript.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code DELETE /api/v1/customers/{id}}: personal data goes, the conversations stay countable. */
@QuarkusTest
class CustomerErasureTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void erasureRemovesPersonalDataAndTellsThePlatform() {
        String customerId = TestEvents.newId("cust");
        Scenario.Handoff first = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.Handoff second = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        given().contentType(ContentType.JSON).body(Map.of("text", "홍길동 고객님, 010-1234-5678로 연락드릴게요"))
                .when().post("/api/v1/tickets/{id}/replies", first.ticketId()).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("text", "고객 주소: 서울시 어딘가"))
                .when().post("/api/v1/tickets/{id}/notes", first.ticketId()).then().statusCode(201);

        given().when().delete("/api/v1/customers/{id}", customerId)
                .then().statusCode(200)
                .body("customerId", equalTo(customerId))
                .body("conversationIds.size()", equalTo(2));

        CustomerErasureEvent event = kafka.await(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.class,
                candidate -> candidate.customerId().equals(customerId), Duration.ofSeconds(30)).value();
        assertThat(event.conversationIds()).containsExactlyInAnyOrder(first.conversationId(), second.conversationId());
        assertThat(event.requestedBy()).isEqualTo("admin1");

        QuarkusTransaction.requiringNew().run(() -> {
            CustomerProfile profile = CustomerProfile.findById(customerId);
            assertThat(profile.name).isNull();
            assertThat(profile.erasedAt).isNotNull();
            assertThat(ChannelIdentity.of(customerId)).isEmpty();
            for (String conversationId : List.of(first.conversationId(), second.conversationId())) {
                for (Message message : Message.transcriptOf(conversationId)) {
                    assertThat(message.text).doesNotContain("010-1234-5678").doesNotContain("홍길동")
                            .doesNotContain("서울시");
                    assertThat(message.erased).isTrue();
                }
            }
            // the words go, masked or not (masking cannot know "주문한 상품" is harmless and a name is not)
            Message customerMessage = Message.of(first.conversationId(), first.messageId()).orElseThrow();
            assertThat(customerMessage.text).isEqualTo(CustomerErasure.ERASED_TEXT);
            assertThat(customerMessage.maskedText).isEqualTo(CustomerErasure.ERASED_TEXT);
            assertThat(customerMessage.intent).isEqualTo("delivery_problem");
            assertThat(customerMessage.sentiment).isNotNull();
            assertThat(customerMessage.route).isEqualTo("HUMAN");
            assertThat(Ticket.count("customerId", customerId)).isEqualTo(2);
        });
        given().when().get("/api/v1/tickets/{id}", first.ticketId())
                .then().statusCode(200)
                .body("customer.name", equalTo(null))
                .body("transcript[0].erased", equalTo(true));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void unknownCustomersAnswer404() {
        given().when().delete("/api/v1/customers/{id}", "cust-nobody")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void onlyAdminsErase() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        given().when().delete("/api/v1/customers/{id}", handoff.customerId())
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(CustomerProfile.<CustomerProfile>findById(handoff.customerId()).name).isEqualTo("홍길동"));
    }

    @Test
    void anErasureEventFromThePlatformIsAppliedToo() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        kafka.send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of(handoff.customerId(),
                List.of(handoff.conversationId()), "privacy-desk"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String name = QuarkusTransaction.requiringNew().call(() ->
                    CustomerProfile.<CustomerProfile>findById(handoff.customerId()).name);
            String text = QuarkusTransaction.requiringNew().call(() ->
                    Message.of(handoff.conversationId(), handoff.messageId()).orElseThrow().text);
            assertThat(name).isNull();
            assertThat(text).isEqualTo(CustomerErasure.ERASED_TEXT);
        });
    }
}
