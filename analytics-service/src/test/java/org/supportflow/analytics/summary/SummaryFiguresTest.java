package org.supportflow.analytics.summary;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.Summaries;
import org.supportflow.contracts.events.PlatformEvent;
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
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Publishes a day of conversations and ticket events with fixed times on the real broker and checks
 * every figure of the summary against numbers worked out by hand (see the comments).
 */
@QuarkusTest
class SummaryFiguresTest {

    private static final String DAY = "2026-03-02";
    private static final String RUN = Events.id().substring(0, 8);
    private static final String WEB = "demo-web";
    private static final String KAKAO = "demo-kakao";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + "Z");
    }

    private static String conv(String name) {
        return "sum-" + RUN + "-" + name;
    }

    private static void routed(PlatformEvent event) {
        kafka.send(Topics.CONVERSATION_ROUTED, event);
    }

    private static void ticket(PlatformEvent event) {
        kafka.send(Topics.TICKET_EVENTS, event);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void everyFigureOfADay() {
        // A (web): two messages, both answered by the bot -> automated.
        routed(Events.routed(conv("A"), WEB, ChannelType.WEB, "cust-a", "a1", at("10:00:00"), "order_status", 0.9,
                Route.BOT, null, "주문 어디쯤 왔나요"));
        routed(Events.routed(conv("A"), WEB, ChannelType.WEB, "cust-a", "a2", at("10:01:00"), "thanks_goodbye", 0.95,
                Route.BOT, null, "감사합니다"));
        // B (web): handed off by intent policy, the next message joins the ticket.
        routed(Events.routed(conv("B"), WEB, ChannelType.WEB, "cust-b", "b1", at("11:00:00"), "delivery_problem",
                0.8, Route.HUMAN, HandoffReason.INTENT_POLICY, "상품이 파손되어 왔어요"));
        routed(Events.routed(conv("B"), WEB, ChannelType.WEB, "cust-b", "b2", at("11:05:00"), "delivery_problem",
                0.85, Route.HUMAN_CONTINUED, null, "사진 보냈어요"));
        // ticket tB: first reply after 120 s (a later reply does not count), solved after 3600 s, CSAT 5.
        String tB = conv("tB");
        ticket(Events.ticket(conv("B"), WEB, tB, TicketEvent.Type.CREATED, at("11:00:10")));
        ticket(Events.ticket(conv("B"), WEB, tB, TicketEvent.Type.AGENT_REPLIED, at("11:02:10")));
        ticket(Events.ticket(conv("B"), WEB, tB, TicketEvent.Type.AGENT_REPLIED, at("11:10:00")));
        ticket(Events.solved(conv("B"), WEB, tB, at("12:00:10"), Priority.NORMAL));
        ticket(Events.csat(conv("B"), WEB, tB, at("12:05:00"), 5));
        // C (kakao): not understood (an e-mail the NLU missed must be masked), then asks for a person.
        routed(Events.routed(conv("C"), KAKAO, ChannelType.KAKAO, "cust-c", "c1", at("12:00:00"), "out_of_scope", 0.3,
                Route.BOT, null, "제 메일은 kim@example.com 이에요"));
        routed(Events.routed(conv("C"), KAKAO, ChannelType.KAKAO, "cust-c", "c2", at("12:01:00"), "human_agent", 0.97,
                Route.HUMAN, HandoffReason.REQUESTED, "상담원 연결"));
        // ticket tC: first reply after 60 s, solved after 7200 s, rated 3 then 4 (the latest counts).
        String tC = conv("tC");
        ticket(Events.ticket(conv("C"), KAKAO, tC, TicketEvent.Type.CREATED, at("12:01:30")));
        ticket(Events.ticket(conv("C"), KAKAO, tC, TicketEvent.Type.AGENT_REPLIED, at("12:02:30")));
        ticket(Events.solved(conv("C"), KAKAO, tC, at("14:01:30"), Priority.NORMAL));
        ticket(Events.csat(conv("C"), KAKAO, tC, at("14:10:00"), 3));
        ticket(Events.csat(conv("C"), KAKAO, tC, at("14:20:00"), 4));
        // D (kakao): low confidence (0.4 < 0.5), answered by the bot -> automated but not understood.
        routed(Events.routed(conv("D"), KAKAO, ChannelType.KAKAO, "cust-d", "d1", at("13:00:00"), "product_info", 0.4,
                Route.BOT, null, "사이즈 문의"));
        // E (web): complaint handed off; first reply after 300 s, never solved, resolution SLA breached.
        routed(Events.routed(conv("E"), WEB, ChannelType.WEB, "cust-e", "e1", at("15:00:00"), "complaint", 0.9,
                Route.HUMAN, HandoffReason.NEGATIVE_SENTIMENT, "너무 화가 나요"));
        String tE = conv("tE");
        ticket(Events.ticket(conv("E"), WEB, tE, TicketEvent.Type.CREATED, at("15:00:05")));
        ticket(Events.ticket(conv("E"), WEB, tE, TicketEvent.Type.AGENT_REPLIED, at("15:05:05")));
        ticket(Events.ticket(conv("E"), WEB, tE, TicketEvent.Type.SLA_BREACHED, at("16:00:00"), TicketStatus.OPEN,
                Priority.HIGH, null, Map.of("sla", "resolution")));
        // Outside the range (next day): must not count.
        routed(Events.routed(conv("F"), WEB, ChannelType.WEB, "cust-f", "f1", Instant.parse("2026-03-03T00:30:00Z"),
                "greeting", 0.99, Route.HUMAN, HandoffReason.VIP, "안녕"));
        ticket(Events.ticket(conv("F"), WEB, conv("tF"), TicketEvent.Type.CREATED, Instant.parse("2026-03-03T00:30:05Z")));

        Instant from = Instant.parse(DAY + "T00:00:00Z");
        Instant to = Instant.parse("2026-03-03T00:00:00Z");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            AnalyticsSummary summary = Summaries.fetch(from, to);
            // conversations A, B, C, D, E; messages 2 + 2 + 2 + 1 + 1
            assertThat(summary.conversations()).isEqualTo(5);
            assertThat(summary.messages()).isEqualTo(8);
            // handed off: B, C, E -> 3/5; automated: A, D -> 2/5
            assertThat(summary.automationRate()).isCloseTo(0.4, within(1e-9));
            assertThat(summary.handoffRate()).isCloseTo(0.6, within(1e-9));
            assertThat(summary.handoffs()).isEqualTo(3);
            assertThat(summary.handoffReasons()).containsExactly(
                    entry("requested", 1L), entry("intent_policy", 1L), entry("negative_sentiment", 1L),
                    entry("urgent", 0L), entry("low_confidence", 0L), entry("repeated_fallback", 0L),
                    entry("vip", 0L), entry("after_hours", 0L), entry("action_failed", 0L),
                    entry("slot_not_filled", 0L));
            // first responses 60, 120, 300: P50 120, P90 = 120 + 0.8 * 180 = 264
            assertThat(summary.firstResponses()).isEqualTo(3);
            assertThat(summary.firstResponseSecondsP50()).isCloseTo(120.0, within(1e-6));
            assertThat(summary.firstResponseSecondsP90()).isCloseTo(264.0, within(1e-6));
            // resolutions 3600, 7200: P50 5400, P90 = 3600 + 0.9 * 3600 = 6840
            assertThat(summary.resolutions()).isEqualTo(2);
            assertThat(summary.resolutionSecondsP50()).isCloseTo(5400.0, within(1e-6));
            assertThat(summary.resolutionSecondsP90()).isCloseTo(6840.0, within(1e-6));
            // CSAT: tB 5, tC 4 (its latest) -> 4.5 over 2 tickets
            assertThat(summary.csatResponses()).isEqualTo(2);
            assertThat(summary.csatAverage()).isCloseTo(4.5, within(1e-9));
            assertThat(summary.ticketsCreated()).isEqualTo(3);
            assertThat(summary.slaBreaches()).isEqualTo(1);
            // not understood: C's out_of_scope and D's low confidence; newest first, masked
            assertThat(summary.unrecognizedCount()).isEqualTo(2);
            assertThat(summary.unrecognized()).extracting(AnalyticsSummary.UnrecognizedMessage::maskedText)
                    .containsExactly("사이즈 문의", "제 메일은 [EMAIL] 이에요");
            assertThat(summary.unrecognized().getFirst().receivedAt()).isEqualTo(at("13:00:00"));
            assertThat(summary.unrecognized().getFirst().channelId()).isEqualTo(KAKAO);
            assertThat(summary.unrecognized().getFirst().channelType()).isEqualTo("kakao");
            assertThat(summary.unrecognized().get(1).intent()).isEqualTo("out_of_scope");
            // intents: delivery_problem 2, then six with 1 in name order
            assertThat(summary.topIntents()).containsExactly(
                    new AnalyticsSummary.IntentCount("delivery_problem", 2),
                    new AnalyticsSummary.IntentCount("complaint", 1),
                    new AnalyticsSummary.IntentCount("human_agent", 1),
                    new AnalyticsSummary.IntentCount("order_status", 1),
                    new AnalyticsSummary.IntentCount("out_of_scope", 1),
                    new AnalyticsSummary.IntentCount("product_info", 1),
                    new AnalyticsSummary.IntentCount("thanks_goodbye", 1));
            // kakao: C, D (3 messages, 1 handoff, C handed off); web: A, B, E (5 messages, 2 handoffs)
            assertThat(summary.byChannel()).containsExactly(
                    new AnalyticsSummary.ChannelSummary(KAKAO, "kakao", 2, 3, 1, 0.5, 0.5),
                    new AnalyticsSummary.ChannelSummary(WEB, "web", 3, 5, 2, 1.0 / 3, 2.0 / 3));
            assertThat(summary.trend()).containsExactly(
                    new AnalyticsSummary.DaySummary(LocalDate.parse(DAY), 5, 8, 3, 0.4));
            assertThat(summary.from()).isEqualTo(from);
            assertThat(summary.to()).isEqualTo(to);
        });

        // top=3 keeps the three largest; a date range covers the whole day
        AnalyticsSummary top3 = Summaries.fetch(DAY, DAY, 3);
        assertThat(top3.messages()).isEqualTo(8);
        assertThat(top3.topIntents()).extracting(AnalyticsSummary.IntentCount::intent)
                .containsExactly("delivery_problem", "complaint", "human_agent");
    }
}
