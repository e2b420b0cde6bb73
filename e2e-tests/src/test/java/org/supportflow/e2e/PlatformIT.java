package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The platform end to end, as its users meet it: a channel posts signed customer messages to the gateway;
 * the NLU, routing, ticket and analytics services do their part over a real Kafka broker; agents and
 * supervisors use Keycloak tokens. Nothing here talks to Kafka or a database directly.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final Duration PIPELINE = Tickets.PIPELINE;

    private final ChannelClient kakao = new ChannelClient("demo-kakao");
    private final ChannelClient web = new ChannelClient("demo-web");

    /** This class's own time range in the analytics database, which outlives runs. */
    private static Instant started;
    private static final String UNRECOGNIZED_PHONE = "010-7391-2850";

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
        started = Instant.now();
    }

    @Test
    @Order(1)
    void aKoreanFaqQuestionGetsTheBotsAnswerWithinWaitMs() {
        String customer = ChannelClient.newId("cust");
        Http.Response response = kakao.post(kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "REGULAR",
                "배송비는 얼마인가요?"), 4500);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode replies = response.json().get("replies");
        assertThat(replies).isNotEmpty();
        String text = replies.get(0).get("text").asText();
        // the knowledge base's shipping answer, not just any Korean text (the fallback is Korean too)
        assertThat(text).contains("배송비").contains("3,000원");
        assertThat(response.json().get("conversationId").asText()).isNotBlank();
    }

    @Test
    @Order(2)
    void anEnglishQuestionIsAnsweredInEnglishAndCanBePolled() {
        String customer = ChannelClient.newId("cust");
        Http.Response accepted = web.post(web.message(ChannelClient.newId("m"), customer, "en-US", "REGULAR",
                "What payment methods do you accept?"), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        String conversationId = accepted.json().get("conversationId").asText();

        AtomicReference<JsonNode> replies = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            Http.Response polled = web.replies(conversationId, null);
            assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
            assertThat(polled.json().get("replies")).isNotEmpty();
            replies.set(polled.json());
        });
        JsonNode first = replies.get().get("replies").get(0);
        assertThat(first.get("from").asText()).isEqualTo("bot");
        assertThat(first.get("text").asText()).contains("credit or debit card").doesNotContainPattern("[가-힣]");
        // Another channel cannot read this conversation.
        assertThat(kakao.replies(conversationId, null).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aRetriedPostIsAcknowledgedAsDuplicateAndProcessedOnce() {
        Map<String, Object> message = kakao.message(ChannelClient.newId("m"), ChannelClient.newId("cust"), "ko-KR",
                "REGULAR", "영업시간이 어떻게 되나요?");

        Http.Response first = kakao.post(message, 4500);
        Http.Response retry = kakao.post(message, null);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().get("status").asText()).isEqualTo("duplicate");
        String conversationId = first.json().get("conversationId").asText();
        assertThat(retry.json().get("conversationId").asText()).isEqualTo(conversationId);
        assertThat(first.json().at("/replies/0/text").asText()).contains("09:00");
        // Processed once. A later message of the same conversation is the marker: replies of one conversation are
        // delivered in order, so once the marker's reply is there, a second answer to the retry would be too.
        Http.Response marker = kakao.post(kakao.message(ChannelClient.newId("m"), (String) ((Map<?, ?>) message
                .get("customer")).get("id"), "ko-KR", "REGULAR", "배송비는 얼마인가요?"), 4500);
        assertThat(marker.status()).as(marker.toString()).isEqualTo(200);
        assertThat(marker.json().get("conversationId").asText()).isEqualTo(conversationId);
        String markerId = marker.json().get("messageId").asText("");
        // the waitMs answer can overtake the stored reply: wait until polling shows the marker's reply too
        await().atMost(PIPELINE).untilAsserted(() -> {
            List<String> answering = new ArrayList<>();
            kakao.replies(conversationId, null).json().get("replies")
                    .forEach(r -> answering.add(r.get("inReplyTo").asText()));
            assertThat(answering).contains(markerId);
            assertThat(answering).containsExactly((String) message.get("messageId"), markerId);
        });
    }

    @Test
    @Order(4)
    void unsignedMessagesAreRefusedWithAJsonError() {
        Http.Response response = kakao.postUnsigned(kakao.message(ChannelClient.newId("m"), "cust-x", "ko-KR",
                "REGULAR", "안녕하세요"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void askingForAPersonOpensATicketWithTheTranscriptAndAnAgentsReplyReachesTheChannel() {
        String customer = ChannelClient.newId("cust");
        String text = "상담원 연결해 주세요";
        Http.Response accepted = kakao.post(kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "REGULAR",
                text), null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
        String conversationId = accepted.json().get("conversationId").asText();

        String agent = Keycloak.token("agent1");
        JsonNode ticket = Tickets.awaitTicket(conversationId, agent);
        assertThat(ticket.get("handoffReason").asText()).isEqualTo("requested");

        Http.Response detail = Http.get(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticket.get("id").asText(), agent);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.body()).contains(text).contains("human_agent");

        Http.Response reply = Http.postJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticket.get("id").asText()
                + "/replies", agent, Map.of("text", "안녕하세요, 상담원 김하늘입니다. 무엇을 도와드릴까요?"));
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 204);
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode replies = kakao.replies(conversationId, null).json().get("replies");
            List<String> fromAgent = new ArrayList<>();
            replies.forEach(r -> {
                if (r.get("from").asText().equals("agent")) {
                    fromAgent.add(r.get("text").asText());
                }
            });
            assertThat(fromAgent).contains("안녕하세요, 상담원 김하늘입니다. 무엇을 도와드릴까요?");
        });
    }

    @Test
    @Order(6)
    void anAngryComplaintBecomesAHighPriorityTicket() {
        Http.Response accepted = web.post(web.message(ChannelClient.newId("m"), ChannelClient.newId("cust"), "en-US",
                "REGULAR", "This is absolutely unacceptable, I am furious. I want to talk to your manager right now!"),
                null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);

        JsonNode ticket = Tickets.awaitTicket(accepted.json().get("conversationId").asText(), Keycloak.token("supervisor1"));
        assertThat(ticket.get("priority").asText()).isIn("HIGH", "URGENT");
    }

    @Test
    @Order(7)
    void aMessageTheBotDoesNotUnderstandReachesOperatorsMaskedOnlyAndErasureRemovesIt() {
        String customer = ChannelClient.newId("cust");
        Http.Response response = web.post(web.message(ChannelClient.newId("m"), customer, "ko-KR",
                "REGULAR", "내일 서울 날씨 어때? 제 번호는 " + UNRECOGNIZED_PHONE + " 이에요"), 4500);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);

        String supervisor = Keycloak.token("supervisor1");
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode summary = Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/summary?from=" + started,
                    supervisor).json();
            List<String> unrecognized = new ArrayList<>();
            summary.get("unrecognized").forEach(m -> unrecognized.add(m.get("maskedText").asText()));
            assertThat(unrecognized).as(summary.toString()).anySatisfy(text -> assertThat(text)
                    .contains("날씨").contains("[PHONE]"));
            assertThat(summary.toString()).doesNotContain(UNRECOGNIZED_PHONE).doesNotContain("7391");
        });

        // The customer's words are personal data even masked: erasure takes them off the operators' list too,
        // while the message is still counted.
        String admin = Keycloak.token("admin1");
        // 404 until ticket-service has stored the customer from conversation.inbound
        await().atMost(PIPELINE).until(() -> Http.delete(LocalPlatform.TICKETS + "/api/v1/customers/" + customer,
                admin).status() == 200);
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode summary = Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/summary?from=" + started,
                    supervisor).json();
            assertThat(summary.toString()).doesNotContain("날씨");
            assertThat(summary.get("unrecognizedCount").asLong()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    @Order(8)
    void agentsAndOperatorsNeedTheRightRole() {
        assertThat(Http.get(LocalPlatform.TICKETS + "/api/v1/tickets", null).status()).isEqualTo(401);
        assertThat(Http.get(LocalPlatform.TICKETS + "/api/v1/tickets", "not-a-token").status()).isEqualTo(401);
        assertThat(Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/summary", Keycloak.token("agent1")).status())
                .isEqualTo(403);
    }

    @Test
    @Order(9)
    void theAnalyticsSummaryReflectsTheTraffic() {
        String supervisor = Keycloak.token("supervisor1");
        await().atMost(PIPELINE).untilAsserted(() -> {
            Http.Response summary = Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/summary?from=" + started,
                    supervisor);
            assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
            JsonNode json = summary.json();
            // This class's own traffic, exactly: FAQ ko, FAQ en, the retried message and its marker (one
            // conversation), the person, the complaint and the unrecognized message: six conversations with
            // seven messages, two of them handed off (the unsigned message never got in).
            assertThat(json.get("conversations").asLong()).as(json.toString()).isEqualTo(6);
            assertThat(json.get("messages").asLong()).as(json.toString()).isEqualTo(7);
            assertThat(json.get("handoffs").asLong()).as(json.toString()).isEqualTo(2);
            assertThat(json.get("ticketsCreated").asLong()).as(json.toString()).isEqualTo(2);
            long reasons = 0;
            for (JsonNode count : json.get("handoffReasons")) {
                reasons += count.asLong();
            }
            assertThat(reasons).as(json.toString()).isEqualTo(2);
            assertThat(json.get("handoffReasons").path("requested").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(json.get("handoffRate").asDouble()).isCloseTo(2.0 / 6, within(1e-9));
            assertThat(json.get("automationRate").asDouble()).isCloseTo(4.0 / 6, within(1e-9));
            assertThat(json.get("unrecognizedCount").asLong()).isGreaterThanOrEqualTo(1);
        });
    }
}
