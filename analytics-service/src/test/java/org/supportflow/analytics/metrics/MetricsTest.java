package org.supportflow.analytics.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.PrometheusText;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The figures on {@code /q/metrics}: events on a channel used by this test only give exact values
 * (a redelivered event is not counted twice).
 */
@QuarkusTest
class MetricsTest {

    private static final String CHANNEL = "metrics-test";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    void countersTimersAndSummariesFollowTheEvents() {
        String conversation = "metrics-" + Events.id();
        Instant at = Instant.parse("2026-07-01T10:00:00Z");
        RoutedMessageEvent feedback = Events.routed(conversation, CHANNEL, ChannelType.SMS, "cust-m", "m1", at,
                "feedback", 0.9, Route.BOT, null, "좋은 서비스네요");
        kafka.send(Topics.CONVERSATION_ROUTED, feedback);
        kafka.send(Topics.CONVERSATION_ROUTED, feedback);
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conversation, CHANNEL, ChannelType.SMS, "cust-m", "m2",
                at.plusSeconds(30), "feedback", 0.3, Route.BOT, null, "음"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conversation, CHANNEL, ChannelType.SMS, "cust-m", "m3",
                at.plusSeconds(60), "human_agent", 0.95, Route.HUMAN, HandoffReason.VIP, "상담원"));
        String ticketId = "t-" + conversation;
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conversation, CHANNEL, ticketId, TicketEvent.Type.CREATED,
                at.plusSeconds(60)));
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conversation, CHANNEL, ticketId, TicketEvent.Type.AGENT_REPLIED,
                at.plusSeconds(150)));
        // a later reply and the closing do not end the measured durations again
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conversation, CHANNEL, ticketId, TicketEvent.Type.AGENT_REPLIED,
                at.plusSeconds(400)));
        kafka.send(Topics.TICKET_EVENTS, Events.solved(conversation, CHANNEL, ticketId, at.plusSeconds(660),
                Priority.HIGH));
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conversation, CHANNEL, ticketId, TicketEvent.Type.STATUS_CHANGED,
                at.plusSeconds(690), TicketStatus.CLOSED, Priority.HIGH, null, Map.of()));
        // last on the conversation's partition: once it is counted, every event before it was consumed
        kafka.send(Topics.TICKET_EVENTS, Events.csat(conversation, CHANNEL, ticketId, at.plusSeconds(700), 5));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            PrometheusText metrics = PrometheusText.scrape();
            assertThat(metrics.value("supportflow_messages_total",
                    "channel", CHANNEL, "intent", "feedback", "route", "bot")).isEqualTo(2.0);
            assertThat(metrics.value("supportflow_messages_total",
                    "channel", CHANNEL, "intent", "human_agent", "route", "human")).isEqualTo(1.0);
            assertThat(metrics.value("supportflow_handoffs_total", "channel", CHANNEL, "reason", "vip")).isEqualTo(1.0);
            assertThat(metrics.value("supportflow_unrecognized_total", "channel", CHANNEL)).isEqualTo(1.0);
            assertThat(metrics.value("supportflow_tickets_created_total", "channel", CHANNEL, "priority", "normal"))
                    .isEqualTo(1.0);
            // first reply 90 s after creation; solved 600 s after creation
            assertThat(metrics.value("supportflow_first_response_seconds_count", "channel", CHANNEL)).isEqualTo(1.0);
            assertThat(metrics.value("supportflow_first_response_seconds_sum", "channel", CHANNEL))
                    .isCloseTo(90.0, within(1e-6));
            assertThat(metrics.value("supportflow_resolution_seconds_count", "channel", CHANNEL, "priority", "high"))
                    .isEqualTo(1.0);
            assertThat(metrics.value("supportflow_resolution_seconds_sum", "channel", CHANNEL, "priority", "high"))
                    .isCloseTo(600.0, within(1e-6));
            assertThat(metrics.value("supportflow_csat_score_count", "channel", CHANNEL)).isEqualTo(1.0);
            assertThat(metrics.value("supportflow_csat_score_sum", "channel", CHANNEL)).isEqualTo(5.0);
        });

        PrometheusText metrics = PrometheusText.scrape();
        assertThat(metrics.has("supportflow_automation_rate")).isTrue();
        assertThat(metrics.has("supportflow_handoff_rate")).isTrue();
        assertThat(metrics.value("supportflow_analytics_events_total",
                "topic", Topics.CONVERSATION_ROUTED, "outcome", "duplicate")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.value("supportflow_first_response_seconds_bucket", "channel", CHANNEL, "le", "120.0"))
                .isEqualTo(1.0);
        assertThat(metrics.value("supportflow_first_response_seconds_bucket", "channel", CHANNEL, "le", "60.0"))
                .isEqualTo(0.0);
        // no series is labelled with a conversation, ticket or customer id
        assertThat(metrics.text()).doesNotContain(conversation).doesNotContain("cust-m");
    }
}
