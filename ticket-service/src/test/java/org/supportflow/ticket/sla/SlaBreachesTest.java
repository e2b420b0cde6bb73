package org.supportflow.ticket.sla;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.tickets.TicketWorkflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Due times on tickets, SLA_BREACHED once per breach, and the breached / at-risk filters. */
@QuarkusTest
@TestSecurity(user = "supervisor1", roles = "supervisor")
class SlaBreachesTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Inject
    SlaBreaches breaches;

    @Inject
    SlaPolicy policy;

    @Inject
    TicketWorkflow workflow;

    @Test
    void aTicketGetsDueTimesFromItsPriority() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.URGENT);
        Ticket ticket = Scenario.ticket(handoff.ticketId());
        assertThat(ticket.firstResponseDueAt).isEqualTo(policy.firstResponseDue(ticket.createdAt, Priority.URGENT));
        assertThat(ticket.resolutionDueAt).isEqualTo(policy.resolutionDue(ticket.createdAt, Priority.URGENT, Duration.ZERO));
        assertThat(ticket.resolutionDueAt).isAfter(ticket.firstResponseDueAt);
    }

    @Test
    void aBreachIsPublishedOnceAndFound() {
        String customerId = TestEvents.newId("cust");
        Scenario.Handoff late = Scenario.handoff(ingest, Priority.HIGH, customerId);
        Scenario.Handoff soon = Scenario.handoff(ingest, Priority.HIGH, customerId);
        Scenario.Handoff fine = Scenario.handoff(ingest, Priority.LOW, customerId);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket lateTicket = Ticket.findById(late.ticketId());
            lateTicket.firstResponseDueAt = now.minusSeconds(60);
            Ticket soonTicket = Ticket.findById(soon.ticketId());
            soonTicket.firstResponseDueAt = now.plus(policy.atRiskWithin()).minusSeconds(120);
            Ticket fineTicket = Ticket.findById(fine.ticketId());
            fineTicket.firstResponseDueAt = now.plus(Duration.ofDays(3));
            fineTicket.resolutionDueAt = now.plus(Duration.ofDays(5));
        });

        given().queryParam("customerId", customerId).queryParam("sla", "breached")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", contains(late.ticketId()))
                .body("items[0].sla.firstResponse.state", equalTo("BREACHED"));
        given().queryParam("customerId", customerId).queryParam("sla", "at_risk")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", contains(soon.ticketId()))
                .body("items[0].sla.firstResponse.state", equalTo("AT_RISK"));

        breaches.publishBreaches(Instant.now());
        breaches.publishBreaches(Instant.now());

        List<TicketEvent> breached = kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        event -> event.ticketId().equals(late.ticketId()) && event.type() == TicketEvent.Type.SLA_BREACHED,
                        10, Duration.ofSeconds(5))
                .stream().map(KafkaTestClient.Received::value).toList();
        assertThat(breached).hasSize(1);
        assertThat(breached.get(0).attributes()).containsEntry("sla", SlaBreaches.FIRST_RESPONSE);
        assertThat(Scenario.ticket(late.ticketId()).firstResponseBreachedAt).isNotNull();
        assertThat(Scenario.ticket(soon.ticketId()).firstResponseBreachedAt).isNull();
        given().when().get("/api/v1/tickets/{id}/audit", late.ticketId())
                .then().statusCode(200).body("action", org.hamcrest.Matchers.hasItem("SLA_BREACHED"));
    }

    @Test
    void theResolutionClockStopsWhileTheTicketWaitsForTheCustomer() {
        String customerId = TestEvents.newId("cust");
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.HIGH, customerId);
        // PostgreSQL keeps microseconds: with the clock's nanoseconds the stored pause would start up to 1 µs
        // later than the test's, and a whole number of seconds waited would come back one short
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant waitingSince = now.minus(Duration.ofDays(7));
        // Waiting for the customer for a week, with a resolution due time long past.
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket ticket = Ticket.findById(handoff.ticketId());
            workflow.changeStatus(ticket, TicketStatus.OPEN, "agent1", null, waitingSince);
            workflow.changeStatus(ticket, TicketStatus.PENDING, "agent1", null, waitingSince);
            ticket.resolutionDueAt = now.minus(Duration.ofDays(1));
        });

        breaches.publishBreaches(now);
        assertThat(Scenario.ticket(handoff.ticketId()).resolutionBreachedAt).as("no breach while PENDING").isNull();
        given().queryParam("customerId", customerId).queryParam("sla", "breached")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().queryParam("customerId", customerId)
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items[0].sla.resolution.state", equalTo("PAUSED"));

        // The customer answers: the clock runs again, its due time moved by the business time spent waiting.
        QuarkusTransaction.requiringNew().run(() ->
                workflow.changeStatus(Ticket.findById(handoff.ticketId()), TicketStatus.OPEN, "agent1", null, now));
        Ticket resumed = Scenario.ticket(handoff.ticketId());
        long waited = policy.hours().between(waitingSince, now).toSeconds();
        assertThat(waited).isPositive();
        assertThat(resumed.resolutionPausedAt).isNull();
        assertThat(resumed.resolutionPausedSeconds).isEqualTo(waited);
        assertThat(resumed.resolutionDueAt)
                .isEqualTo(policy.resolutionDue(resumed.createdAt, Priority.HIGH, Duration.ofSeconds(waited)));
    }
}
