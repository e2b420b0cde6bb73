package org.supportflow.ticket.tickets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.transcript.Conversation;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The console's list: most urgent first, then the nearest due time; filtered by channel or channel type. */
@QuarkusTest
class TicketListOrderTest {

    @Inject
    ConversationIngest ingest;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void sortByPriorityPutsTheMostUrgentAndSoonestDueFirst() {
        String customer = "cust-order-" + System.nanoTime();
        String low = Scenario.handoff(ingest, Priority.LOW, customer).ticketId();
        String urgent = Scenario.handoff(ingest, Priority.URGENT, customer).ticketId();
        String normal = Scenario.handoff(ingest, Priority.NORMAL, customer).ticketId();
        String high = Scenario.handoff(ingest, Priority.HIGH, customer).ticketId();

        List<String> byPriority = given().queryParam("customerId", customer).queryParam("sort", "priority")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(byPriority).containsExactly(urgent, high, normal, low);

        List<String> byCreation = given().queryParam("customerId", customer)
                .when().get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(byCreation).containsExactly(high, normal, urgent, low);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void filtersByChannel() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String channelId = Scenario.ticket(handoff.ticketId()).channelId;
        assertThat(channelId).isNotBlank();
        given().queryParam("customerId", handoff.customerId()).queryParam("channelId", channelId)
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(1));
        given().queryParam("customerId", handoff.customerId()).queryParam("channelId", "no-such-channel")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void filtersByChannelType() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        ChannelType type = QuarkusTransaction.requiringNew().call(() ->
                Conversation.<Conversation>findById(handoff.conversationId()).channelType);
        assertThat(type).isNotNull();
        ChannelType other = type == ChannelType.KAKAO ? ChannelType.EMAIL : ChannelType.KAKAO;
        given().queryParam("customerId", handoff.customerId()).queryParam("channelType", type.wireName())
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(handoff.ticketId()));
        given().queryParam("customerId", handoff.customerId()).queryParam("channelType", other.wireName())
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("channelType", "fax")
                .when().get("/api/v1/tickets")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("message", containsString("channelType"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void anUnknownSortIsABadRequest() {
        given().queryParam("sort", "name")
                .when().get("/api/v1/tickets")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }
}
