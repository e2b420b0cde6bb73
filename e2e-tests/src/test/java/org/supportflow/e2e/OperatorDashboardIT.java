package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator dashboard (CONTRACT.md §3b) in a real Chromium: a supervisor signs in on Keycloak's own login page,
 * the charts draw what this test just sent (its own time window: the database keeps earlier runs), the channel
 * filter changes them, a message the bot did not understand gets a label that analytics stores for training; an
 * agent is refused.
 */
@Order(6)
class OperatorDashboardIT {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final String DASHBOARD = LocalPlatform.ANALYTICS + "/dashboard/";
    private static final String GIBBERISH = "zxqv plorf wibbleton snarkfrob quux";

    private final ChannelClient web = new ChannelClient("demo-web");
    private final ChannelClient kakao = new ChannelClient("demo-kakao");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    void aSupervisorWatchesTheBotAndLabelsWhatItMissed() {
        // This test's window: from just before its first message to an hour on.
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        Instant to = from.plus(Duration.ofHours(1));
        send(web, "en-US", "How much is shipping?");
        send(web, "en-US", GIBBERISH);
        send(kakao, "ko-KR", "결제 수단은 뭐가 있나요?");
        String supervisorToken = Keycloak.token("supervisor1");
        String query = "from=" + from + "&to=" + to;
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
            JsonNode series = api("/api/v1/analytics/timeseries?" + query, supervisorToken);
            assertThat(series.at("/totals/messages").asLong()).isEqualTo(3);
            assertThat(series.at("/totals/unrecognized").asLong()).isGreaterThanOrEqualTo(1);
        });

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "supervisor1", "#" + query);
            By conversations = By.cssSelector("[data-figure=conversations]");
            wait.until(ExpectedConditions.textToBe(conversations, "3"));
            assertThat(page.findElement(By.cssSelector("[data-figure=messages]")).getText()).isEqualTo("3");
            // The chart drew the same numbers: Chart.js' own data, and the table that is its text alternative.
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=chart-volume]"), "data-drawn", "true"));
            assertThat(chartSum(page, "volume", 0)).isEqualTo(3);
            assertThat(chartSum(page, "volume", 1)).isEqualTo(3);
            assertThat(tableSum(page, "volume", "conversations")).isEqualTo(3);
            assertThat(page.findElement(By.cssSelector("[data-testid=chart-volume]")).getAttribute("aria-label"))
                    .contains("3 conversations and 3 messages");
            assertThat(page.findElements(By.cssSelector("figure.chart canvas[role=img][aria-label]"))).hasSize(6);
            By missed = By.xpath("//*[@data-testid='unrecognized']//tr[td[@data-testid='masked-text' and "
                    + "contains(., '" + GIBBERISH + "')]]");
            wait.until(ExpectedConditions.presenceOfElementLocated(missed));
            ((JavascriptExecutor) page).executeScript("window.scrollTo(0, 0);");
            browser.screenshot(LocalPlatform.repo().resolve("docs/images/dashboard.png"));

            // The channel filter: only the KakaoTalk conversation.
            choose(wait, By.cssSelector("[data-testid=channel]"), "demo-kakao");
            wait.until(ExpectedConditions.textToBe(conversations, "1"));
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=chart-volume]"), "data-drawn", "true"));
            assertThat(chartSum(page, "volume", 0)).isEqualTo(1);
            assertThat(page.findElements(missed)).isEmpty();
            assertThat(page.getCurrentUrl()).contains("channel=demo-kakao");

            // Back to every channel; the message the bot missed gets a label.
            choose(wait, By.cssSelector("[data-testid=channel]"), "");
            // Every channel again: this test's three conversations at least (the window stays open to others).
            wait.until(driver -> driver.findElement(conversations).getText().matches("\\d+")
                    && Integer.parseInt(driver.findElement(conversations).getText()) >= 3);
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(missed));
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
                assertThat(label.get("maskedText").asText()).contains(GIBBERISH);
                assertThat(Instant.parse(label.get("labeledAt").asText())).isAfter(from);
            });
        }

        // An agent: the page says no (in Korean, the browser's language), and so does the API.
        try (Browser browser = Browser.start("ko-KR")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "agent1", "");
            WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=forbidden]")));
            assertThat(refused.findElement(By.tagName("h1")).getText()).isEqualTo("접근 권한 없음");
            assertThat(page.findElements(By.cssSelector("[data-testid=totals]"))).isEmpty();
        }
        Http.Response refused = Http.get(LocalPlatform.ANALYTICS + "/api/v1/analytics/timeseries?" + query,
                Keycloak.token("agent1"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isNotBlank();
    }

    private static void send(ChannelClient channel, String locale, String text) {
        Http.Response response = channel.post(channel.message(ChannelClient.newId("m"), ChannelClient.newId("dash"),
                locale, "REGULAR", text), null);
        assertThat(response.status()).as(response.toString()).isIn(200, 202);
    }

    private static JsonNode api(String pathAndQuery, String token) {
        Http.Response response = Http.get(LocalPlatform.ANALYTICS + pathAndQuery, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The sum of one dataset of the chart as Chart.js holds it. */
    private static long chartSum(WebDriver page, String chart, int dataset) {
        Object sum = ((JavascriptExecutor) page).executeScript("""
                const canvas = document.querySelector(`[data-testid=chart-${arguments[0]}]`);
                const data = Chart.getChart(canvas).data.datasets[arguments[1]].data;
                return data.reduce((a, b) => a + (b ?? 0), 0);""", chart, dataset);
        return ((Number) sum).longValue();
    }

    /** The sum of one column of a chart's data table (its text alternative). */
    private static long tableSum(WebDriver page, String chart, String series) {
        return page.findElements(By.cssSelector("[data-testid=table-" + chart + "] td[data-series=" + series + "]"))
                .stream().mapToLong(cell -> Long.parseLong(cell.getAttribute("textContent").replace(",", "").strip()))
                .sum();
    }

    private static void choose(WebDriverWait wait, By select, String value) {
        act(wait, select, element -> new Select(element).selectByValue(value));
    }

    private static void act(WebDriverWait wait, By by, Consumer<WebElement> action) {
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            action.accept(page.findElement(by));
            return true;
        });
    }

    /** Signs in on Keycloak's own login page, from the dashboard opened at {@code hash}. */
    private static void signIn(WebDriver page, WebDriverWait wait, String user, String hash) {
        page.get(DASHBOARD + hash);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=sign-in]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user);
        page.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=user]"), user),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=forbidden]"))));
    }
}
