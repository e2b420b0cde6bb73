package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outside business hours, on the running platform: both routing replicas are restarted with their clock set
 * to a Saturday noon in Seoul (the weekly schedule is Monday to Friday, 09:00-18:00, Asia/Seoul). The bot
 * still answers what it can; a customer who needs a person is told, in their language, when agents are back
 * (Monday 09:00), and their ticket waits in the queue even though an agent is online with free capacity.
 * Runs last: it changes routing's settings for the time it runs, and restores them afterwards.
 */
@Order(4)
class AfterHoursIT {

    /** Saturday 2026-11-28 12:00 in Seoul. */
    private static final Map<String, String> SATURDAY_NOON = Map.of(
            "ROUTING_HOURS_OVERRIDE", "schedule",
            "ROUTING_HOURS_FIXED_CLOCK", "2026-11-28T03:00:00Z");

    private final ChannelClient kakao = new ChannelClient("demo-kakao");
    private final ChannelClient web = new ChannelClient("demo-web");

    @BeforeAll
    static void routingRunsOnSaturday() {
        LocalPlatform.ensureStarted();
        LocalPlatform.restartRouting(SATURDAY_NOON);
        Agents.presence("agent1", "ONLINE", 5);
    }

    @AfterAll
    static void backToTheSuitesHours() {
        Agents.presence("agent1", "OFFLINE", 0);
        LocalPlatform.restartRouting(Map.of());
    }

    @Test
    void theBotStillAnswersWhatItCan() {
        Http.Response response = kakao.post(kakao.message(ChannelClient.newId("m"), ChannelClient.newId("cust"),
                "ko-KR", "REGULAR", "배송비는 얼마인가요?"), 4500);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String text = response.json().get("replies").get(0).get("text").asText();
        assertThat(text).containsPattern("[가-힣]").doesNotContain("상담 시간이 아니에요");
    }

    @Test
    void aKoreanHandoffIsToldWhenAgentsAreBackAndWaitsInTheQueue() {
        JsonNode answer = askForAPerson(kakao, "ko-KR", "상담원 연결해 주세요");

        assertThat(answer.get("replies").get(0).get("text").asText())
                .contains("상담 시간이 아니에요").contains("11월 30일").contains("09:00");
        assertWaitsForMonday(answer.get("conversationId").asText());
    }

    @Test
    void anEnglishHandoffIsToldInEnglish() {
        JsonNode answer = askForAPerson(web, "en-US", "I want to talk with a human representative");

        assertThat(answer.get("replies").get(0).get("text").asText())
                .contains("agents are away").contains("Monday, November 30 at 09:00");
        assertWaitsForMonday(answer.get("conversationId").asText());
    }

    /** A new customer asks for a person; the answer comes within waitMs, as the bot's notices do. */
    private static JsonNode askForAPerson(ChannelClient channel, String locale, String text) {
        Http.Response response = channel.post(channel.message(ChannelClient.newId("m"), ChannelClient.newId("cust"),
                locale, "REGULAR", text), 4500);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /**
     * A ticket with the real reason (hours never decide whether a human is needed), left unassigned over
     * several queue sweeps although agent1 is online with free capacity.
     */
    private static void assertWaitsForMonday(String conversationId) {
        String supervisor = Keycloak.token("supervisor1");
        JsonNode ticket = Tickets.awaitTicket(conversationId, supervisor);
        assertThat(ticket.get("handoffReason").asText()).isEqualTo("requested");
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Tickets.list("conversationId=" + Http.encode(conversationId), supervisor).getFirst()
                        .get("assignee").isNull())
                        .as("still unassigned").isTrue());
    }
}
