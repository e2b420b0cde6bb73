package org.supportflow.ticket.csat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.CsatStatus;
import org.supportflow.ticket.tickets.Ticket;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Solving a ticket asks the customer for a 1–5 rating; their answer is recorded and published. */
@QuarkusTest
@TestSecurity(user = "agent1", roles = "agent")
class CsatFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Test
    void solvingAsksForARatingAndTheAnswerIsRecorded() {
        Scenario.Handoff handoff = solvedTicket();

        OutboundMessageEvent question = kafka.await(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                event -> event.conversationId().equals(handoff.conversationId())
                        && event.kind() == OutboundMessageEvent.Kind.CSAT_QUESTION, WAIT).value();
        assertThat(question.quickReplies()).containsExactly("1", "2", "3", "4", "5");
        assertThat(question.author()).isEqualTo(Author.SYSTEM);
        assertThat(question.channelId()).isEqualTo(TestEvents.CHANNEL);
        assertThat(question.text()).isEqualTo(CsatQuestions.question("ko-KR")).contains("만족");
        kafka.await(Topics.TICKET_EVENTS, TicketEvent.class, event -> event.ticketId().equals(handoff.ticketId())
                && event.type() == TicketEvent.Type.CSAT_REQUESTED, WAIT);
        assertThat(Scenario.ticket(handoff.ticketId()).csatStatus).isEqualTo(CsatStatus.AWAITING);

        // the answer travels the real topic like any customer message
        String answerId = TestEvents.newId("msg");
        kafka.send(Topics.CONVERSATION_INBOUND, TestEvents.inbound(handoff.conversationId(), answerId,
                TestEvents.customer(handoff.customerId()), "4"));

        TicketEvent recorded = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.ticketId().equals(handoff.ticketId())
                        && event.type() == TicketEvent.Type.CSAT_RECORDED, WAIT).value();
        assertThat(recorded.csatScore()).isEqualTo(4);
        assertThat(recorded.messageId()).isEqualTo(answerId);
        Ticket ticket = Scenario.ticket(handoff.ticketId());
        assertThat(ticket.csatScore).isEqualTo(4);
        assertThat(ticket.csatStatus).isEqualTo(CsatStatus.RECORDED);
        assertThat(ticket.status).isEqualTo(TicketStatus.SOLVED);
        given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200)
                .body("ticket.csat.score", equalTo(4))
                .body("ticket.csat.status", equalTo("RECORDED"));
    }

    @Test
    void aMessageThatIsNotARatingReopensTheTicketInstead() {
        Scenario.Handoff handoff = solvedTicket();
        InboundMessageEvent complaint = TestEvents.inbound(handoff.conversationId(), TestEvents.newId("msg"),
                TestEvents.customer(handoff.customerId()), "아직 해결이 안 됐어요");
        ingest.onInbound(complaint);

        Ticket ticket = Scenario.ticket(handoff.ticketId());
        assertThat(ticket.status).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.csatStatus).isEqualTo(CsatStatus.NONE);
        assertThat(ticket.csatScore).isNull();
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        event -> event.ticketId().equals(handoff.ticketId())
                                && event.type() == TicketEvent.Type.CSAT_RECORDED, 1, Duration.ofSeconds(2)))
                .isEmpty());
    }

    private Scenario.Handoff solvedTicket() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        for (String status : List.of("OPEN", "SOLVED")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("status", status, "version", Scenario.ticket(handoff.ticketId()).version))
                    .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                    .then().statusCode(200).body("status", equalTo(status));
        }
        return handoff;
    }
}
