package org.supportflow.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.summary.AnalyticsSummary;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.PrometheusText;
import org.supportflow.analytics.support.Summaries;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A redelivered event (same event id), and a message routed twice (new event id, same conversation
 * message), are counted once. Each duplicate is followed by a marker event on the same key, hence the
 * same partition: once the marker is counted, the duplicates before it have been consumed too.
 */
@QuarkusTest
class IdempotencyTest {

    private static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-02T00:00:00Z");

    /** A channel only this test uses, so that its metric series hold this test's counts alone. */
    private static final String CHANNEL = "idem-test";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void aRedeliveredEventIsCountedOnce() {
        String conversation = "idem-" + Events.id();
        RoutedMessageEvent handoff = Events.routed(conversation, CHANNEL, ChannelType.WEB, "cust-idem", "m1",
                Instant.parse("2026-04-01T09:00:00Z"), "payment_issue", 0.9, Route.HUMAN, HandoffReason.INTENT_POLICY,
                "두 번 결제됐어요");
        RoutedMessageEvent reRouted = Events.routed(conversation, CHANNEL, ChannelType.WEB, "cust-idem", "m1",
                Instant.parse("2026-04-01T09:00:00Z"), "payment_issue", 0.9, Route.HUMAN, HandoffReason.INTENT_POLICY,
                "두 번 결제됐어요");
        assertThat(reRouted.eventId()).isNotEqualTo(handoff.eventId());
        kafka.send(Topics.CONVERSATION_ROUTED, handoff);
        kafka.send(Topics.CONVERSATION_ROUTED, handoff);
        kafka.send(Topics.CONVERSATION_ROUTED, reRouted);
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conversation, CHANNEL, ChannelType.WEB, "cust-idem",
                "m2-marker", Instant.parse("2026-04-01T09:01:00Z"), "payment_issue", 0.9, Route.HUMAN_CONTINUED, null,
                "확인 부탁드려요"));

        String ticketId = "t-" + conversation;
        TicketEvent created = Events.ticket(conversation, CHANNEL, ticketId, TicketEvent.Type.CREATED,
                Instant.parse("2026-04-01T09:00:05Z"));
        TicketEvent csat = Events.csat(conversation, CHANNEL, ticketId, Instant.parse("2026-04-01T10:00:00Z"), 2);
        kafka.send(Topics.TICKET_EVENTS, created);
        kafka.send(Topics.TICKET_EVENTS, created);
        kafka.send(Topics.TICKET_EVENTS, csat);
        kafka.send(Topics.TICKET_EVENTS, csat);
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conversation, CHANNEL, ticketId,
                TicketEvent.Type.AGENT_REPLIED, Instant.parse("2026-04-01T09:02:05Z")));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            AnalyticsSummary summary = Summaries.fetch(FROM, TO);
            assertThat(summary.firstResponses()).as("marker ticket event consumed").isEqualTo(1);
            assertThat(summary.messages()).as("marker message consumed").isEqualTo(2);
        });
        AnalyticsSummary summary = Summaries.fetch(FROM, TO);
        assertThat(summary.conversations()).isEqualTo(1);
        assertThat(summary.messages()).isEqualTo(2);
        assertThat(summary.handoffs()).isEqualTo(1);
        assertThat(summary.handoffReasons()).containsEntry("intent_policy", 1L);
        assertThat(summary.ticketsCreated()).isEqualTo(1);
        assertThat(summary.csatResponses()).isEqualTo(1);
        assertThat(summary.csatAverage()).isEqualTo(2.0);
        assertThat(summary.firstResponseSecondsP50()).isEqualTo(120.0);
        assertThat(summary.topIntents()).containsExactly(new AnalyticsSummary.IntentCount("payment_issue", 2));

        // the metrics count each event once too
        PrometheusText metrics = PrometheusText.scrape();
        assertThat(metrics.value("supportflow_messages_total", "channel", CHANNEL, "route", "human")).isEqualTo(1.0);
        assertThat(metrics.value("supportflow_messages_total", "channel", CHANNEL, "route", "human_continued"))
                .isEqualTo(1.0);
        assertThat(metrics.value("supportflow_handoffs_total", "channel", CHANNEL)).isEqualTo(1.0);
        assertThat(metrics.value("supportflow_tickets_created_total", "channel", CHANNEL)).isEqualTo(1.0);
        assertThat(metrics.value("supportflow_csat_score_count", "channel", CHANNEL)).isEqualTo(1.0);
    }
}
