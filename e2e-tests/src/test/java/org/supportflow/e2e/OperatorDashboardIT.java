package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator dashboard (CONTRACT.md §3b) in a real Chromium: a supervisor signs in on Keycloak's own login page,
 * the charts draw this test's own traffic, a change of the time range and of the channel changes them, a message
 * the bot did not understand gets a label that analytics stores for training; an agent is refused.
 * <p>
 * Other tests' traffic shares the platform's persistent database, so every exact figure here is read on
 * {@link LocalPlatform#DASHBOARD_CHANNEL}, a channel only this test writes to, within time windows that start
 * after this test did (earlier runs of this test are before them).
 */
@Order(6)
class OperatorDashboardIT {

    private static final String DASHBOARD = LocalPlatform.ANALYTICS + "/dashboard/";
    private static final String CHANNEL = LocalPlatform.DASHBOARD_CHANNEL;
    private static final By CONVERSATIONS = By.cssSelector("[data-figure=conversations]");
    private static final By MESSAGES = By.cssSelector("[data-figure=messages]");
    private static final By VOLUME = By.cssSelector("[data-testid=chart-volume]");

    private final ChannelClient channel = new ChannelClient(CHANNEL);
    /** Words no model knows, different on every run (so the row found is this run's). */
    private final String gibberish = "zxqv plorf " + UUID.randomUUID().toString().replaceAll("[^a-f]", "")
            + " snarkfrob";

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    private static final By ACTION_ROWS = By.cssSelector("[data-testid=actions] tr[data-action]");

    @Test
    void aSupervisorWatchesTheBotAndLabelsWhatItMissed() {
        String supervisorToken = Keycloak.token("supervisor1");
        // Window one: this test's first conversation only. Window two: all three of them.
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        Instant end = from.plus(Duration.ofHours(1));
        send(channel, "en-US", "How much is shipping?");
        awaitMessages(from, end, supervisorToken, 1);
        Instant split = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().until(() -> Instant.now().isAfter(split));
        send(channel, "en-US", gibberish);
        // Answered from the demo order system: the domain action's call shows in the Actions table.
        send(channel, "ko-KR", "주문번호 20261201-77812 배송 어디쯤이에요?");
        // One on another channel too: with every channel the figures are more than this channel's.
        send(new ChannelClient("demo-web"), "en-US", "What payment methods do you accept?");
        JsonNode all = awaitMessages(from, end, supervisorToken, 3);
        await().atMost(Tickets.PIPELINE).until(() -> api("/api/v1/analytics/timeseries?from=" + split + "&to=" + end
                + "&channelId=demo-web", supervisorToken).at("/totals/messages").asLong() >= 1);
        assertThat(all.at("/totals/unrecognized").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(awaitMessages(from, split, supervisorToken, 1).at("/totals/conversations").asLong()).isEqualTo(1);

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Console.UI);
            signIn(page, wait, "supervisor1", "#from=" + from + "&to=" + split + "&channel=" + CHANNEL);

            // The first window: one conversation, one message, in the figures, the chart and its table.
            wait.until(ExpectedConditions.textToBe(CONVERSATIONS, "1"));
            assertThat(page.findElement(MESSAGES).getText()).isEqualTo("1");
            wait.until(ExpectedConditions.attributeToBe(VOLUME, "data-drawn", "true"));
            assertThat(chartSum(page, "volume", 0)).isEqualTo(1);
            assertThat(chartSum(page, "volume", 1)).isEqualTo(1);
            assertThat(tableSum(page, "volume", "messages")).isEqualTo(1);
            assertThat(page.findElement(VOLUME).getAttribute("aria-label")).contains("1 conversations and 1 messages");
            assertThat(page.findElements(By.cssSelector("figure.chart canvas[role=img][aria-label]"))).hasSize(6);
            assertThat(page.findElements(missed())).isEmpty();
            assertThat(page.findElements(ACTION_ROWS)).isEmpty();

            // The time range filter: the end moves out to the whole window; the charts redraw with all three.
            setDateTime(page, "to", end);
            Console.click(wait, By.cssSelector("[data-testid=apply]"));
            wait.until(ExpectedConditions.textToBe(CONVERSATIONS, "3"));
            assertThat(page.findElement(MESSAGES).getText()).isEqualTo("3");
            wait.until(ExpectedConditions.attributeToBe(VOLUME, "data-drawn", "true"));
            assertThat(chartSum(page, "volume", 0)).isEqualTo(3);
            assertThat(chartSum(page, "volume", 1)).isEqualTo(3);
            assertThat(tableSum(page, "volume", "conversations")).isEqualTo(3);
            assertThat(page.findElement(VOLUME).getAttribute("aria-label")).contains("3 conversations and 3 messages");
            // The top intents drawn are this test's three messages.
            assertThat(chartTotal(page, "intents")).isEqualTo(3);
            // The order-status lookup: one call, answered, no form.
            WebElement lookup = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-testid=actions] tr[data-action=order_status_lookup]")));
            assertThat(lookup.findElement(By.cssSelector("[data-figure=calls]")).getText()).isEqualTo("1");
            assertThat(lookup.findElement(By.cssSelector("[data-figure=failureRate]")).getText()).startsWith("0");
            assertThat(page.findElements(ACTION_ROWS)).hasSize(1);
            wait.until(ExpectedConditions.presenceOfElementLocated(missed()));

            // The channel filter: every channel has more (at least the web message above), then this one again.
            Console.choose(wait, By.cssSelector("[data-testid=channel]"), "");
            wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(
                    By.cssSelector("[data-testid=dashboard]"), "data-query", "channelId=")));
            wait.until(driver -> Long.parseLong(driver.findElement(CONVERSATIONS).getText().replace(",", "")) >= 4);
            wait.until(ExpectedConditions.attributeToBe(VOLUME, "data-drawn", "true"));
            assertThat(chartSum(page, "volume", 1)).isGreaterThanOrEqualTo(4);
            assertThat(page.getCurrentUrl()).doesNotContain("channel=");
            ((JavascriptExecutor) page).executeScript("window.scrollTo(0, 0);");
            browser.screenshot(LocalPlatform.repo().resolve("docs/images/dashboard.png"));
            Console.choose(wait, By.cssSelector("[data-testid=channel]"), CHANNEL);
            wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid=dashboard]"), "data-query",
                    "channelId=" + CHANNEL));
            wait.until(ExpectedConditions.textToBe(CONVERSATIONS, "3"));
            assertThat(page.getCurrentUrl()).contains("channel=" + CHANNEL);

            // The message the bot missed gets a label, stored with who gave it.
            Map<TopicPartition, Long> feedbackMark;
            try (TopicReader reader = new TopicReader()) {
                feedbackMark = reader.endOffsets(List.of(Topics.NLU_FEEDBACK));
            }
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(missed()));
            String messageId = row.getAttribute("data-message-id");
            new Select(row.findElement(By.cssSelector("[data-testid=label-intent]"))).selectByValue("product_info");
            row.findElement(By.cssSelector("[data-testid=save-label]")).click();
            wait.until(ExpectedConditions.attributeToBe(
                    By.cssSelector("tr[data-message-id='" + messageId + "'] [data-testid=label]"), "data-intent",
                    "product_info"));
            JsonNode labels = api("/api/v1/analytics/unrecognized/labels?since=" + from, supervisorToken);
            List<JsonNode> ours = new ArrayList<>();
            labels.get("labels").forEach(label -> {
                if (label.get("id").asText().equals(messageId)) {
                    ours.add(label);
                }
            });
            assertThat(ours).singleElement().satisfies(label -> {
                assertThat(label.get("intent").asText()).isEqualTo("product_info");
                assertThat(label.get("labeledBy").asText()).isEqualTo("supervisor1");
                assertThat(label.get("maskedText").asText()).contains("snarkfrob");
                assertThat(Instant.parse(label.get("labeledAt").asText())).isAfter(from);
            });

            // The label reaches the NLU's training side as agents' corrections do: an event on nlu.feedback with
            // the masked text, the intent given and who gave it.
            await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
                List<JsonNode> feedback = new ArrayList<>();
                try (TopicReader reader = new TopicReader()) {
                    for (ConsumerRecord<String, String> record : reader.readSince(feedbackMark)) {
                        JsonNode event = EventJson.mapper().readTree(record.value());
                        if (CHANNEL.equals(event.path("channelId").asText())
                                && event.path("maskedText").asText().contains("snarkfrob")) {
                            feedback.add(event);
                        }
                    }
                }
                assertThat(feedback).isNotEmpty().allSatisfy(event -> {
                    assertThat(event.path("correctedIntent").asText()).isEqualTo("product_info");
                    assertThat(event.path("agentId").asText()).isEqualTo("supervisor1");
                    assertThat(event.path("maskedText").asText()).contains(gibberish);
                });
            });
        }

        // An agent: the page says no (in Korean, the browser's language), and so does the API.
        try (Browser browser = Browser.start("ko-KR")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Console.UI);
            signIn(page, wait, "agent1", "");
            WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=forbidden]")));
            assertThat(refused.findElement(By.tagName("h1")).getText()).isEqualTo("접근 권한 없음");
            assertThat(page.findElements(By.cssSelector("[data-testid=totals]"))).isEmpty();
        }
        Http.Response refused = Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/timeseries?from=" + from
                + "&to=" + end, Keycloak.token("agent1"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isNotBlank();
    }

    /** The row of this run's message the bot did not understand, in the dashboard's list. */
    private By missed() {
        return By.xpath("//*[@data-testid='unrecognized']//tr[td[@data-testid='masked-text' and "
                + "contains(., '" + gibberish + "')]]");
    }

    /** A new customer (so a new conversation) writes once. */
    private static void send(ChannelClient channel, String locale, String text) {
        Http.Response response = channel.post(channel.message(ChannelClient.newId("m"), ChannelClient.newId("dash"),
                locale, "REGULAR", text), null);
        assertThat(response.status()).as(response.toString()).isIn(200, 202);
    }

    /** Waits until analytics counts exactly {@code messages} of this test's channel in [from, to). */
    private static JsonNode awaitMessages(Instant from, Instant to, String token, long messages) {
        String query = "/api/v1/analytics/timeseries?from=" + from + "&to=" + to + "&channelId=" + CHANNEL;
        JsonNode[] last = new JsonNode[1];
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
            last[0] = api(query, token);
            assertThat(last[0].at("/totals/messages").asLong()).isEqualTo(messages);
        });
        return last[0];
    }

    private static JsonNode api(String pathAndQuery, String token) {
        Http.Response response = Http.get(LocalPlatform.ANALYTICS + pathAndQuery, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Sets a datetime-local filter field to an instant, in the browser's own time zone, as a user would. */
    private static void setDateTime(WebDriver page, String field, Instant instant) {
        ((JavascriptExecutor) page).executeScript("""
                const input = document.querySelector(`[data-testid=${arguments[0]}]`);
                const d = new Date(arguments[1]);
                input.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
                input.dispatchEvent(new Event('input', { bubbles: true }));""", field, instant.toString());
    }

    /** The sum of one dataset of the chart as Chart.js holds it. */
    private static long chartSum(WebDriver page, String chart, int dataset) {
        Object sum = ((JavascriptExecutor) page).executeScript("""
                const canvas = document.querySelector(`[data-testid=chart-${arguments[0]}]`);
                const data = Chart.getChart(canvas).data.datasets[arguments[1]].data;
                return data.reduce((a, b) => a + (b ?? 0), 0);""", chart, dataset);
        return ((Number) sum).longValue();
    }

    /** The sum of every dataset of the chart as Chart.js holds it. */
    private static long chartTotal(WebDriver page, String chart) {
        Object sum = ((JavascriptExecutor) page).executeScript("""
                const canvas = document.querySelector(`[data-testid=chart-${arguments[0]}]`);
                return Chart.getChart(canvas).data.datasets
                    .flatMap(d => d.data).reduce((a, b) => a + (b ?? 0), 0);""", chart);
        return ((Number) sum).longValue();
    }

    /** The sum of one column of a chart's data table (its text alternative). */
    private static long tableSum(WebDriver page, String chart, String series) {
        return page.findElements(By.cssSelector("[data-testid=table-" + chart + "] td[data-series=" + series + "]"))
                .stream().mapToLong(cell -> Long.parseLong(cell.getAttribute("textContent").replace(",", "").strip()))
                .sum();
    }

    /** Signs in on Keycloak's own login page, from the dashboard opened at {@code hash}. */
    private static void signIn(WebDriver page, WebDriverWait wait, String user, String hash) {
        page.get(DASHBOARD + hash);
        Console.click(wait, By.cssSelector("[data-testid=sign-in]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user);
        page.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=user]"), user),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=forbidden]"))));
    }
}
