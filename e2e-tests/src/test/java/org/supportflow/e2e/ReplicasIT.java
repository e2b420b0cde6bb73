package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must hold with two gateway and two routing replicas (the suite's platform runs two of each): a retry
 * that lands on the other gateway is still a duplicate, a {@code waitMs} reply finds the replica that holds
 * the request, and no agent is ever given more conversations than their capacity, although both routing
 * replicas assign agents at the same time.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final int CAPACITY = 2;
    private static final List<String> AGENTS = List.of("agent1", "agent2");
    private static final Pattern ROUTED = Pattern.compile("(?m)^routing_decisions_total\\{[^}]*} ([0-9.E]+)$");

    private final ChannelClient kakao = new ChannelClient("demo-kakao");
    private final ChannelClient kakaoViaSecondGateway = kakao.via(LocalPlatform.GATEWAY_2);

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @AfterAll
    static void agentsGoOffline() {
        // Later tests expect new handoffs to stay unassigned unless they bring agents online themselves.
        AGENTS.forEach(agent -> Agents.presence(agent, "OFFLINE", 0));
    }

    @Test
    @Order(1)
    void aRetryOnTheOtherGatewayIsADuplicateOfTheSameConversation() {
        String customer = ChannelClient.newId("cust");
        Map<String, Object> message = kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "REGULAR",
                "배송비는 얼마인가요?");

        Http.Response first = kakao.post(message, 4500);
        Http.Response retry = kakaoViaSecondGateway.post(message, null);
        // A channel that retries because its own timeout ran out (KakaoTalk: 5 s) wants the answer itself.
        Http.Response retryWaiting = kakaoViaSecondGateway.post(message, 4500);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("accepted");
        String conversationId = first.json().get("conversationId").asText();
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(retry.json().get("conversationId").asText()).isEqualTo(conversationId);
        assertThat(retryWaiting.status()).as(retryWaiting.toString()).isEqualTo(200);
        assertThat(retryWaiting.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(retryWaiting.json().get("conversationId").asText()).isEqualTo(conversationId);
        assertThat(retryWaiting.json().get("replies")).isEqualTo(first.json().get("replies"));
        // The customer's next message, through the other replica, continues the same conversation.
        Http.Response next = kakaoViaSecondGateway.post(kakao.message(ChannelClient.newId("m"), customer, "ko-KR",
                "REGULAR", "결제 수단은 뭐가 있나요?"), 4500);
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().get("conversationId").asText()).isEqualTo(conversationId);
        // Processed once: one bot answer per message, whichever replica was asked.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Tickets.PIPELINE).untilAsserted(() ->
                assertThat(kakao.replies(conversationId, null).json().get("replies")).hasSize(2));
    }

    @Test
    @Order(2)
    void waitMsRepliesReachWhicheverGatewayHoldsTheRequest() {
        // Conversations spread over the partitions, so the replies come from both routing replicas, and each
        // reply has to find its way to the gateway replica that holds the waiting request.
        List<CompletableFuture<Http.Response>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ChannelClient channel = i % 2 == 0 ? kakao : kakaoViaSecondGateway;
            Map<String, Object> message = channel.message(ChannelClient.newId("m"), ChannelClient.newId("cust"),
                    "ko-KR", "REGULAR", i % 4 < 2 ? "영업시간이 어떻게 되나요?" : "배송비는 얼마인가요?");
            posts.add(CompletableFuture.supplyAsync(() -> channel.post(message, 4500)));
        }

        for (CompletableFuture<Http.Response> post : posts) {
            Http.Response response = post.join();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().get("replies")).isNotEmpty();
        }
    }

    @Test
    @Order(3)
    void noAgentEverHoldsMoreConversationsThanTheirCapacity() {
        String supervisor = Keycloak.token("supervisor1");
        // The database outlives a run (the machine's PostgreSQL): start from agents without open tickets.
        for (String agent : AGENTS) {
            Tickets.list("status=NEW,OPEN,PENDING&assignee=" + agent, supervisor)
                    .forEach(ticket -> solve(ticket, supervisor));
        }
        AGENTS.forEach(agent -> Agents.presence(agent, "ONLINE", CAPACITY));

        // Ten customers ask for a person at once, through both gateways: many more than the agents can take,
        // assigned concurrently by both routing replicas (and by their queue sweeps).
        List<CompletableFuture<String>> handoffs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean korean = i % 2 == 0;
            ChannelClient channel = i % 4 < 2 ? kakao : kakaoViaSecondGateway;
            Map<String, Object> message = channel.message(ChannelClient.newId("m"), ChannelClient.newId("cust"),
                    korean ? "ko-KR" : "en-US", "REGULAR",
                    korean ? "상담원 연결해 주세요" : "I want to talk with a human representative");
            handoffs.add(CompletableFuture.supplyAsync(() -> {
                Http.Response accepted = channel.post(message, null);
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                return accepted.json().get("conversationId").asText();
            }));
        }
        List<String> conversations = handoffs.stream().map(CompletableFuture::join).toList();
        conversations.forEach(conversation -> Tickets.awaitTicket(conversation, supervisor));

        // Every agent fills up to capacity, and not one conversation beyond it (an assignment, once made,
        // stays on the ticket: a momentary excess would still show here).
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> assertThat(openTicketsPerAgent(supervisor))
                .containsExactlyInAnyOrderEntriesOf(Map.of("agent1", CAPACITY, "agent2", CAPACITY)));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(openTicketsPerAgent(supervisor)).allSatisfy((agent, open) ->
                    assertThat(open).as(agent).isLessThanOrEqualTo(CAPACITY));
            assertThat(Agents.inRouting()).allSatisfy(agent -> assertThat(agent.get("active").asInt())
                    .as(agent.toString()).isLessThanOrEqualTo(agent.get("capacity").asInt()));
        });
        long waiting = conversations.stream()
                .filter(conversation -> Tickets.awaitTicket(conversation, supervisor).get("assignee").isNull())
                .count();
        assertThat(waiting).as("four slots for ten handoffs: the rest wait in the queue")
                .isGreaterThanOrEqualTo(conversations.size() - AGENTS.size() * CAPACITY);

        // A solved ticket frees a slot, and the queue fills it at once: still never beyond capacity.
        JsonNode solved = Tickets.list("status=NEW,OPEN,PENDING&assignee=agent1", supervisor).getFirst();
        solve(solved, Keycloak.token("agent1"));
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
            List<JsonNode> agent1Tickets = Tickets.list("status=NEW,OPEN,PENDING&assignee=agent1", supervisor);
            assertThat(agent1Tickets).hasSize(CAPACITY)
                    .noneMatch(ticket -> ticket.get("id").asText().equals(solved.get("id").asText()));
        });
        assertThat(openTicketsPerAgent(supervisor)).allSatisfy((agent, open) ->
                assertThat(open).as(agent).isLessThanOrEqualTo(CAPACITY));

        // Both routing replicas took part (each owns some of the partitions).
        assertThat(routedBy(LocalPlatform.ROUTING)).as("routed by replica 1").isPositive();
        assertThat(routedBy(LocalPlatform.ROUTING_2)).as("routed by replica 2").isPositive();
    }

    /** Solves a ticket the way an agent does: a NEW ticket is opened first (NEW → OPEN → SOLVED). */
    private static void solve(JsonNode ticket, String token) {
        JsonNode current = ticket;
        if (current.get("status").asText().equals("NEW")) {
            current = patchStatus(current, "OPEN", token);
        }
        patchStatus(current, "SOLVED", token);
    }

    private static JsonNode patchStatus(JsonNode ticket, String status, String token) {
        Http.Response patched = Http.patchJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticket.get("id").asText(),
                token, Map.of("status", status, "version", ticket.get("version").asLong()));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        return patched.json();
    }

    private static Map<String, Integer> openTicketsPerAgent(String supervisor) {
        Map<String, Integer> open = new TreeMap<>();
        for (String agent : AGENTS) {
            open.put(agent, Tickets.list("status=NEW,OPEN,PENDING&assignee=" + agent, supervisor).size());
        }
        return open;
    }

    /** Messages a routing replica has decided on since it started, from its Prometheus metrics. */
    private static double routedBy(String routingReplica) {
        Http.Response metrics = Http.get(routingReplica + "/q/metrics", null);
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        Matcher matcher = ROUTED.matcher(metrics.body());
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
