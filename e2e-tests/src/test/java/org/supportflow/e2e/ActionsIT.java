package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.supportflow.contracts.json.EventJson;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.e2e.Tickets.PIPELINE;

/**
 * Domain actions (issue 15) on the running platform: the shop bundle's order-status action answers from the demo
 * order system that up.sh runs (a stand-in for the company's system, deploy/local/demo-orders), in one message
 * or over two (the bot asks for the order number), in Korean and English; the order system failing (the demo
 * answers 503 for order 20261201-50300) gives an honest answer and a ticket with the reason {@code action_failed};
 * and the order numbers never reach analytics' tables or any log of the platform.
 */
@Order(9)
class ActionsIT {

    private static final String ORDER = "20261201-77812";
    private static final String FAILING_ORDER = "20261201-50300";
    /** The demo system answers this one after 4 s, beyond the action's 1.5 s timeout. */
    private static final String SLOW_ORDER = "20261201-50408";
    /** The demo system answers this one 200 with a body that is not JSON. */
    private static final String MALFORMED_ORDER = "20261201-50422";
    private static final List<String> conversations = new ArrayList<>();
    /** Analytics' figures are read from here: this class's own time window. */
    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final ChannelClient kakao = new ChannelClient("demo-kakao");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    /** Sends a message and returns the conversation id and the bot's reply text. */
    private String[] say(String customer, String locale, String text) {
        Map<String, Object> body = kakao.message(ChannelClient.newId("m"), customer, locale, "REGULAR", text);
        Http.Response response = kakao.post(body, 4500);
        assertThat(response.status()).as(response.toString()).isIn(200, 202);
        String conversationId = response.json().get("conversationId").asText();
        synchronized (conversations) {
            if (!conversations.contains(conversationId)) {
                conversations.add(conversationId);
            }
        }
        JsonNode replies = response.json().get("replies");
        if (replies != null && !replies.isEmpty()) {
            return new String[]{conversationId, replies.get(replies.size() - 1).get("text").asText()};
        }
        // The reply did not come within the wait: poll for the reply to this message.
        AtomicReference<String> text1 = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode polled = kakao.replies(conversationId, null).json().get("replies");
            assertThat(polled).isNotEmpty();
            text1.set(polled.get(polled.size() - 1).get("text").asText());
        });
        return new String[]{conversationId, text1.get()};
    }

    @Test
    void aKoreanQuestionWithTheOrderNumberIsAnsweredFromTheOrderSystem() {
        String[] answer = say(ChannelClient.newId("act-cust"), "ko-KR", "주문번호 " + ORDER + " 배송 어디쯤이에요?");

        assertThat(answer[1]).contains("CJ대한통운").contains("2026-12-08");
    }

    @Test
    void withoutTheNumberTheBotAsksAndTheNumberAloneCompletesIt() {
        String customer = ChannelClient.newId("act-cust");
        String[] ask = say(customer, "ko-KR", "배송 어디쯤이에요?");
        assertThat(ask[1]).contains("주문번호");

        String[] answer = say(customer, "ko-KR", ORDER);

        assertThat(answer[0]).isEqualTo(ask[0]);
        assertThat(answer[1]).contains("CJ대한통운").contains("2026-12-08");
    }

    @Test
    void inEnglishToo() {
        String[] direct = say(ChannelClient.newId("act-cust"), "en-US", "Where is my order " + ORDER + "?");
        assertThat(direct[1]).contains("CJ Logistics").contains("2026-12-08");

        String customer = ChannelClient.newId("act-cust");
        String[] ask = say(customer, "en-US", "Where is my order now?");
        assertThat(ask[1]).contains("order number");
        String[] answer = say(customer, "en-US", ORDER);
        assertThat(answer[1]).contains("CJ Logistics").contains("2026-12-08");
    }

    @Test
    void cancellationEligibilityNeedsACustomerTheChannelVerified() {
        String text = "주문번호 20261203-10001 주문 취소하고 싶어요";
        String[] anonymous = say(ChannelClient.newId("act-cust"), "ko-KR", text);
        assertThat(anonymous[1]).contains("로그인");

        // The signed-JSON channel's calling system vouches for its customer (customer.verified).
        Map<String, Object> body = kakao.message(ChannelClient.newId("m"), ChannelClient.newId("act-cust"), "ko-KR",
                "REGULAR", text);
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) body.get("customer");
        customer.put("verified", true);
        Http.Response response = kakao.post(body, 4500);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode replies = response.json().get("replies");
        assertThat(replies.get(replies.size() - 1).get("text").asText()).contains("취소할 수 있어요")
                .contains("39,000원");
    }

    @Test
    void theOrderSystemDownGivesAnHonestAnswerAndATicketWithTheReason() {
        String[] ko = say(ChannelClient.newId("act-cust"), "ko-KR", "주문번호 " + FAILING_ORDER + " 배송 어디쯤이에요?");
        assertThat(ko[1]).contains("주문 시스템에 연결되지 않아");
        String[] en = say(ChannelClient.newId("act-cust"), "en-US", "Where is my order " + FAILING_ORDER + "?");
        assertThat(en[1]).contains("cannot reach the order system");

        String agent = Keycloak.token("agent1");
        for (String conversationId : List.of(ko[0], en[0])) {
            JsonNode ticket = Tickets.awaitTicket(conversationId, agent);
            assertThat(ticket.get("handoffReason").asText()).isEqualTo("action_failed");
            // The agent sees what the bot looked up (the customer's message) and what came back (the bot's reply).
            String detail = Tickets.detail(ticket.get("id").asText(), agent).toString();
            assertThat(detail).contains(FAILING_ORDER).containsAnyOf("주문 시스템에 연결되지 않아",
                    "cannot reach the order system");
        }
    }

    @Test
    void theAgentSeesWhatTheBotAskedLookedUpAndGotBack() {
        String customer = ChannelClient.newId("act-cust");
        String[] ask = say(customer, "en-US", "Where is my order now?");
        assertThat(ask[1]).contains("order number");
        String[] failed = say(customer, "en-US", FAILING_ORDER);
        assertThat(failed[1]).contains("cannot reach the order system");

        // The question was asked while the bot owned the conversation (bot-only history), the lookup failed on
        // the message that opened the ticket: the transcript shows both steps, names and outcomes only.
        String agent = Keycloak.token("agent1");
        String ticketId = Tickets.awaitTicket(failed[0], agent).get("id").asText();
        List<JsonNode> steps = new ArrayList<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            steps.clear();
            Tickets.detail(ticketId, agent).get("transcript").forEach(entry -> {
                if (entry.has("action")) {
                    steps.add(entry.get("action"));
                }
            });
            assertThat(steps).hasSize(2);
        });
        assertThat(steps.get(0).get("step").asText()).isEqualTo("ASKED");
        assertThat(steps.get(0).get("slots").get(0).asText()).isEqualTo("order_number");
        assertThat(steps.get(0).get("attempt").asInt()).isZero();
        assertThat(steps.get(1).get("step").asText()).isEqualTo("CALLED");
        assertThat(steps.get(1).get("completesForm").asBoolean()).isTrue();
        assertThat(steps.get(1).at("/call/outcome").asText()).isEqualTo("server_error");
        assertThat(steps.get(1).at("/call/httpStatus").asInt()).isEqualTo(503);
        assertThat(steps.toString()).doesNotContain(FAILING_ORDER);

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Console.UI);
            Console.signIn(page, wait, "agent1");
            Console.openTicket(page, wait, ticketId);
            List<WebElement> lines = wait.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("[data-testid=action]"), 2));
            assertThat(lines.get(0).getText()).isEqualTo("Bot asked for order_number");
            assertThat(lines.get(1).getAttribute("data-step")).isEqualTo("CALLED");
            assertThat(lines.get(1).getText()).contains("order_status_lookup (order_number)").contains("server_error")
                    .contains("HTTP 503");
        }
    }

    @Test
    void aSlowOrMalformedAnswerIsAFailureTooNeverATemplateFilledWithNothing() {
        String[] slow = say(ChannelClient.newId("act-cust"), "ko-KR", "주문번호 " + SLOW_ORDER + " 배송 어디쯤이에요?");
        assertThat(slow[1]).contains("주문 시스템에 연결되지 않아");
        String[] malformed = say(ChannelClient.newId("act-cust"), "en-US", "Where is my order " + MALFORMED_ORDER + "?");
        assertThat(malformed[1]).contains("cannot reach the order system").doesNotContain("maintenance");

        String agent = Keycloak.token("agent1");
        for (String conversationId : List.of(slow[0], malformed[0])) {
            assertThat(Tickets.awaitTicket(conversationId, agent).get("handoffReason").asText())
                    .isEqualTo("action_failed");
        }
    }

    @Test
    void theActionsAreCountedPerAction() {
        // analytics' figures of this channel since the class started: the other tests of the class run before or
        // after, never during, so the difference made by this test's two messages is exact.
        String supervisor = Keycloak.token("supervisor1");
        String figures = LocalPlatform.ANALYTICS + "/api/v1/analytics/actions?channelId=demo-kakao&from="
                + STARTED + "&to=" + STARTED.plus(Duration.ofHours(6));
        JsonNode before = await().atMost(PIPELINE).until(() -> orderStatusFigures(figures, supervisor),
                java.util.Objects::nonNull);
        String customer = ChannelClient.newId("act-cust");
        say(customer, "ko-KR", "배송 어디쯤이에요?");
        say(customer, "ko-KR", ORDER);

        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode after = orderStatusFigures(figures, supervisor);
            assertThat(after.get("calls").asLong()).isEqualTo(before.get("calls").asLong() + 1);
            assertThat(after.at("/outcomes/ok").asLong()).isEqualTo(before.at("/outcomes/ok").asLong() + 1);
            assertThat(after.at("/forms/started").asLong()).isEqualTo(before.at("/forms/started").asLong() + 1);
            assertThat(after.at("/forms/completed").asLong()).isEqualTo(before.at("/forms/completed").asLong() + 1);
            assertThat(after.get("failures").asLong()).isEqualTo(before.get("failures").asLong());
            assertThat(after.get("meanMillis").asDouble()).isPositive();
        });

        // routing's own Prometheus counter of the same calls
        double calls = 0;
        for (String routing : List.of(LocalPlatform.ROUTING, LocalPlatform.ROUTING_2)) {
            Http.Response metrics = Http.get(routing + "/q/metrics", null);
            if (metrics.status() != 200) {
                continue;
            }
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("routing_action_calls_total{") && line.contains("action=\"order_status_lookup\"")
                        && line.contains("outcome=\"ok\"")) {
                    calls += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(1);
    }

    /** The order-status action's row of analytics' figures (zeros before its first step), or null on an error. */
    private static JsonNode orderStatusFigures(String url, String bearer) {
        Http.Response response = Http.get(url, bearer);
        if (response.status() != 200) {
            return null;
        }
        for (JsonNode action : response.json().get("actions")) {
            if (action.get("action").asText().equals("order_status_lookup")) {
                return action;
            }
        }
        return EventJson.mapper().createObjectNode().put("calls", 0).put("failures", 0)
                .set("forms", EventJson.mapper().createObjectNode().put("started", 0).put("completed", 0));
    }

    @Test
    void theOrderNumbersReachNeitherAnalyticsNorAnyLog() throws Exception {
        String customer = ChannelClient.newId("act-cust");
        say(customer, "ko-KR", "배송 어디쯤이에요?");
        String conversationId = say(customer, "ko-KR", ORDER)[0];

        // analytics stores what conversation.routed carries: wait for both messages, then read every row it has of
        // the conversation, in every table of its schema with a conversation_id.
        try (Connection db = PlatformDatabase.connect()) {
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(
                    count(db, "SELECT count(*) FROM analytics.message_fact WHERE conversation_id = ?", conversationId))
                    .isEqualTo(2));
            List<String> rows = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT table_name FROM information_schema.columns
                     WHERE table_schema = 'analytics' AND column_name = 'conversation_id'""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("message_fact");
            List<String> ours;
            synchronized (conversations) {
                ours = List.copyOf(conversations);
            }
            for (String table : tables) {
                try (PreparedStatement ps = db.prepareStatement("SELECT row_to_json(t)::text FROM analytics.\""
                        + table + "\" t WHERE conversation_id = ANY (?)")) {
                    ps.setArray(1, db.createArrayOf("text", ours.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(table + ": " + rs.getString(1));
                        }
                    }
                }
            }
            assertThat(rows).as("analytics rows of this test's conversations").isNotEmpty()
                    .anySatisfy(row -> assertThat(row).contains("[ORDER_NUMBER]"))
                    .noneSatisfy(row -> assertThat(row).containsAnyOf(ORDER, FAILING_ORDER, "77812"));
        }

        List<Path> logs;
        try (Stream<Path> files = Files.walk(LocalPlatform.localDir().resolve("logs"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).as("the platform's logs").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String content = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            for (String value : List.of(ORDER, FAILING_ORDER)) {
                if (content.contains(value)) {
                    leaks.add(log.getFileName() + " contains " + value);
                }
            }
        }
        assertThat(leaks).as("order numbers in logs").isEmpty();
    }

    private static long count(Connection db, String sql, String conversationId) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
