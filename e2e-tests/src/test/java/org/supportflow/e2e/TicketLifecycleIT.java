package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer's conversation through a human handoff and its whole ticket life, on the running platform:
 * handoff with the transcript and NLU annotations, the bot's silence while an agent owns the conversation,
 * the agent's reply on the customer's channel, solving, the CSAT question and answer, the analytics summary,
 * and the erasure of the customer's personal data everywhere.
 */
@Order(2)
class TicketLifecycleIT {

    private static final Duration PIPELINE = Tickets.PIPELINE;
    private static final String PHONE = "010-2345-6789";
    private static final String NAME = "테스트 고객";

    private final ChannelClient kakao = new ChannelClient("demo-kakao");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    void aHandoffLivesThroughReplySolveCsatAndErasure() {
        Instant started = Instant.now();
        String customer = ChannelClient.newId("cust");
        String agent = Keycloak.token("agent2");

        // 1. The customer asks for a person, leaving a phone number: a ticket with the whole context.
        String firstText = "상담원 연결 부탁드려요. 연락처는 " + PHONE + " 입니다";
        Http.Response accepted = kakao.post(kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "VIP",
                firstText), null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
        String conversationId = accepted.json().get("conversationId").asText();
        JsonNode ticket = Tickets.awaitTicket(conversationId, agent);
        String ticketId = ticket.get("id").asText();

        JsonNode detail = Tickets.detail(ticketId, agent);
        JsonNode firstMessage = transcript(detail, entry -> entry.path("author").asText().equals("customer")).getFirst();
        assertThat(firstMessage.get("text").asText()).isEqualTo(firstText);
        assertThat(firstMessage.at("/nlu/intent").asText()).isEqualTo("human_agent");
        assertThat(firstMessage.at("/nlu/language").asText()).isEqualTo("ko");
        assertThat(firstMessage.at("/nlu/confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(firstMessage.at("/nlu/sentiment").asText()).isIn("negative", "neutral", "positive");
        assertThat(firstMessage.at("/nlu/maskedText").asText()).contains("[PHONE]").doesNotContain(PHONE);
        assertThat(detail.at("/customer/name").asText()).isEqualTo(NAME);
        assertThat(detail.at("/customer/tier").asText()).isEqualTo("VIP");

        // 2. While a human owns the conversation the bot stays silent, even on a question it could answer.
        String silentMessageId = ChannelClient.newId("m");
        Http.Response whileWaiting = kakao.post(kakao.message(silentMessageId, customer, "ko-KR", "VIP",
                "그리고 배송비는 얼마예요?"), 3000);
        assertThat(whileWaiting.status()).as("no bot reply while an agent owns the conversation: %s", whileWaiting)
                .isEqualTo(202);
        assertThat(whileWaiting.json().get("conversationId").asText()).isEqualTo(conversationId);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(transcript(Tickets.detail(ticketId, agent),
                entry -> silentMessageId.equals(entry.path("messageId").asText())))
                .singleElement().satisfies(entry -> assertThat(entry.at("/nlu/route").asText())
                        .isEqualTo("HUMAN_CONTINUED")));
        // Routing decides and composes the bot's reply in one unit of work: a HUMAN_CONTINUED decision is the
        // positive marker that no reply to this message was made, so no waiting for one that is merely late.
        assertThat(repliesTo(conversationId, silentMessageId)).isEmpty();

        // 3. The agent replies; the customer's channel receives it.
        String agentText = "안녕하세요, 상담원입니다. 확인해 보겠습니다.";
        Http.Response reply = Http.postJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId + "/replies", agent,
                Map.of("text", agentText));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(replyTexts(conversationId, "agent"))
                .contains(agentText));

        // 4. Solving the ticket asks the customer for a 1-5 rating; the answer is recorded.
        JsonNode open = Tickets.detail(ticketId, agent).get("ticket");
        Http.Response solved = Http.patchJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId, agent,
                Map.of("status", "SOLVED", "version", open.get("version").asLong()));
        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        AtomicReference<JsonNode> question = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            List<JsonNode> rating = new ArrayList<>();
            kakao.replies(conversationId, null).json().get("replies").forEach(r -> {
                if (r.path("quickReplies").toString().contains("\"5\"")) {
                    rating.add(r);
                }
            });
            assertThat(rating).hasSize(1);
            question.set(rating.getFirst());
        });
        assertThat(question.get().get("from").asText()).isEqualTo("system");
        Http.Response rated = kakao.post(kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "VIP", "5"), null);
        assertThat(rated.status()).as(rated.toString()).isIn(200, 202);
        await().atMost(PIPELINE).untilAsserted(() ->
                assertThat(Tickets.detail(ticketId, agent).at("/ticket/csat/score").asInt()).isEqualTo(5));

        // 5. The operators' summary over this test's own time range (the database outlives runs): exactly this
        // conversation, its handoff, the agent's first response and the CSAT of 5.
        String supervisor = Keycloak.token("supervisor1");
        String ownRange = LocalPlatform.ANALYTICS + "/api/v1/analytics/summary?from=" + started;
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode summary = Http.get(ownRange, supervisor).json();
            assertThat(summary.get("conversations").asLong()).as(summary.toString()).isEqualTo(1);
            assertThat(summary.get("handoffs").asLong()).as(summary.toString()).isEqualTo(1);
            assertThat(summary.get("ticketsCreated").asLong()).as(summary.toString()).isEqualTo(1);
            assertThat(summary.get("firstResponses").asLong()).as(summary.toString()).isEqualTo(1);
            assertThat(summary.get("csatResponses").asLong()).as(summary.toString()).isEqualTo(1);
            assertThat(summary.get("csatAverage").asDouble()).as(summary.toString()).isEqualTo(5.0);
            assertThat(summary.toString()).doesNotContain(PHONE);
        });

        // 6. Erasure: an agent may not, an admin may; the customer's text and name are gone everywhere.
        assertThat(Http.delete(LocalPlatform.TICKETS + "/api/v1/customers/" + customer, agent).status())
                .isEqualTo(403);
        Http.Response erased = Http.delete(LocalPlatform.TICKETS + "/api/v1/customers/" + customer,
                Keycloak.token("admin1"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode after = Tickets.detail(ticketId, supervisor);
            // none of the customer's words, masked or not, nor the agent's, nor the name
            assertThat(after.toString()).doesNotContain(PHONE).doesNotContain(NAME).doesNotContain(agentText)
                    .doesNotContain("상담원 연결 부탁드려요").doesNotContain("그리고 배송비는 얼마예요")
                    .doesNotContain("[PHONE]");
            assertThat(kakao.replies(conversationId, null).json().toString()).doesNotContain(agentText);
        });
        JsonNode erasedFirst = transcript(Tickets.detail(ticketId, supervisor),
                entry -> entry.path("author").asText().equals("customer")).getFirst();
        assertThat(erasedFirst.get("text").asText()).isEqualTo("[erased]");
        // Still countable, with its annotations, without personal data.
        assertThat(erasedFirst.at("/nlu/intent").asText()).isEqualTo("human_agent");
        JsonNode summaryAfter = Http.get(ownRange, supervisor).json();
        assertThat(summaryAfter.get("conversations").asLong()).isEqualTo(1);
        assertThat(summaryAfter.toString()).doesNotContain(PHONE);
    }

    private static List<JsonNode> transcript(JsonNode detail, Predicate<JsonNode> match) {
        List<JsonNode> entries = new ArrayList<>();
        detail.get("transcript").forEach(entry -> {
            if (match.test(entry)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private List<JsonNode> repliesTo(String conversationId, String messageId) {
        List<JsonNode> replies = new ArrayList<>();
        kakao.replies(conversationId, null).json().get("replies").forEach(r -> {
            if (messageId.equals(r.path("inReplyTo").asText())) {
                replies.add(r);
            }
        });
        return replies;
    }

    private List<String> replyTexts(String conversationId, String from) {
        List<String> texts = new ArrayList<>();
        kakao.replies(conversationId, null).json().get("replies").forEach(r -> {
            if (from.equals(r.get("from").asText())) {
                texts.add(r.get("text").asText());
            }
        });
        return texts;
    }
}
