package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web chat widget in a real Chromium, as a visitor uses it on the local platform's demo page: questions in
 * Korean and English answered by the bot, a handoff with the agent's replies arriving live (and counted as unread
 * while the panel is closed), the history after a reload, a reply sent while the gateway that holds the stream is
 * down arriving exactly once after it is back, the CSAT buttons recording a rating on the ticket, and the basic
 * accessibility checks (labels, dialog, focus, Escape, no keyboard trap).
 */
@Order(7)
class WidgetIT {

    private static final Duration PIPELINE = Tickets.PIPELINE;
    private static final String DEMO_PAGE = LocalPlatform.GATEWAY + "/widget/v1/demo-web/demo";
    private static final String HOST = "[data-supportflow-widget]";

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    void aKoreanVisitorTalksToTheBotAnAgentAndRatesTheConversation() {
        try (Browser browser = Browser.start("ko-KR")) {
            ChromeDriver driver = browser.driver();
            driver.get(DEMO_PAGE);
            SearchContext widget = widget(driver);
            WebElement launcher = widget.findElement(By.cssSelector(".launcher"));
            WebElement panel = widget.findElement(By.cssSelector("[role=dialog]"));

            // Accessibility of the closed widget: a labelled launcher that tells its state, a labelled dialog.
            assertThat(launcher.getAttribute("aria-label")).isEqualTo("채팅 상담 열기");
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(launcher.getAttribute("aria-controls")).isEqualTo(panel.getAttribute("id"));
            String titleId = panel.getAttribute("aria-labelledby");
            assertThat(widget.findElement(By.cssSelector("#" + titleId)).getAttribute("textContent")).isEqualTo("고객 상담");
            WebElement input = widget.findElement(By.cssSelector("textarea"));
            assertThat(widget.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']"))
                    .getAttribute("textContent")).isEqualTo("메시지 입력");
            assertThat(widget.findElements(By.cssSelector("[aria-live=polite]"))).hasSize(1);

            launcher.click();
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(panel.isDisplayed()).isTrue();
            assertThat(activeElementClass(driver)).as("focus moves into the dialog").isEqualTo("TEXTAREA");

            // Enter while an IME composes a Korean syllable neither sends nor breaks the line.
            input.sendKeys("안녕하세요");
            driver.executeScript("arguments[0].dispatchEvent(new KeyboardEvent('keydown', "
                    + "{key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true}))", input);
            assertThat(input.getAttribute("value")).isEqualTo("안녕하세요");
            assertThat(bubbles(widget, "customer")).isEmpty();
            input.clear();

            // A Korean question, sent with Enter, answered by the bot; the answer is announced politely.
            input.sendKeys("배송비는 얼마인가요?", Keys.ENTER);
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(bubbles(widget, "bot"))
                    .anySatisfy(text -> assertThat(text).contains("배송비").contains("3,000원")));
            assertThat(bubbles(widget, "customer")).containsExactly("배송비는 얼마인가요?");
            assertThat(input.getAttribute("value")).isEmpty();
            assertThat(widget.findElement(By.cssSelector("[aria-live=polite]")).getAttribute("textContent"))
                    .startsWith("상담봇: ").contains("3,000원");
            browser.screenshot(LocalPlatform.repo().resolve("docs/images/widget.png"));

            // A person, please: the handoff notice, then the agent's reply live.
            input.sendKeys("상담원 연결해 주세요", Keys.ENTER);
            String agent = Keycloak.token("agent1");
            String ticketId = awaitTicketOf(driver, agent);
            String firstAgentReply = "안녕하세요, 상담원 김하늘입니다. 무엇을 도와드릴까요?";
            agentReplies(ticketId, agent, firstAgentReply);
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(bubbles(widget, "agent"))
                    .containsExactly(firstAgentReply));

            // Escape closes the dialog and gives the focus back to the launcher; a reply meanwhile is unread.
            input.sendKeys(Keys.ESCAPE);
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(panel.isDisplayed()).isFalse();
            assertThat(activeElementClass(driver)).isEqualTo("BUTTON launcher");
            String secondAgentReply = "주문 번호를 알려 주시겠어요?";
            agentReplies(ticketId, agent, secondAgentReply);
            WebElement badge = widget.findElement(By.cssSelector(".badge"));
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(badge.getAttribute("textContent")).isEqualTo("1"));
            assertThat(badge.isDisplayed()).isTrue();
            assertThat(launcher.getAttribute("aria-label")).isEqualTo("채팅 상담 열기 (읽지 않은 메시지 1개)");
            launcher.sendKeys(Keys.ENTER); // the keyboard alone opens it too
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(badge.isDisplayed()).isFalse();

            // A reload keeps the whole conversation, in order, each line once.
            driver.navigate().refresh();
            SearchContext reloaded = widget(driver);
            reloaded.findElement(By.cssSelector(".launcher")).click();
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(bubbles(reloaded, null)).containsSubsequence(
                    "배송비는 얼마인가요?", "상담원 연결해 주세요", firstAgentReply, secondAgentReply));
            assertThat(bubbles(reloaded, "customer")).containsExactly("배송비는 얼마인가요?", "상담원 연결해 주세요");
            assertThat(bubbles(reloaded, "agent")).containsExactly(firstAgentReply, secondAgentReply);

            // The gateway holding the stream dies; a reply sent meanwhile arrives once it is back, exactly once.
            PlatformProcesses.killListener(URI.create(LocalPlatform.GATEWAY).getPort());
            PlatformProcesses.awaitGone("gateway-service", Duration.ofSeconds(30));
            String whileDown = "연결이 끊긴 동안 보낸 답장입니다.";
            agentReplies(ticketId, agent, whileDown);
            LocalPlatform.upAgain();
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(bubbles(reloaded, "agent"))
                    .containsExactly(firstAgentReply, secondAgentReply, whileDown));

            // Solving the ticket asks for a rating: five buttons; the click is recorded on the ticket.
            JsonNode open = Tickets.detail(ticketId, agent).get("ticket");
            Http.Response solved = Http.patchJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId, agent,
                    Map.of("status", "SOLVED", "version", open.get("version").asLong()));
            assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(reloaded.findElements(By.cssSelector(".rate")))
                    .hasSize(5));
            WebElement four = reloaded.findElement(By.cssSelector(".rate[data-score='4']"));
            assertThat(four.getAttribute("aria-label")).isEqualTo("5점 만점에 4점");
            four.click();
            await().atMost(PIPELINE).untilAsserted(() ->
                    assertThat(Tickets.detail(ticketId, agent).at("/ticket/csat/score").asInt()).isEqualTo(4));
            assertThat(bubbles(reloaded, "agent")).as("nothing repeated after all this")
                    .containsExactly(firstAgentReply, secondAgentReply, whileDown);

            // No keyboard trap: Tab from the dialog's last control leaves the widget.
            driver.executeScript("document.querySelector(arguments[0]).shadowRoot.querySelector('.send').focus()", HOST);
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Object stillInside = driver.executeScript(
                    "return document.activeElement === document.querySelector(arguments[0])", HOST);
            assertThat(stillInside).isEqualTo(false);
        }
    }

    @Test
    void anEnglishBrowserGetsAnEnglishWidgetAndAnswer() {
        try (Browser browser = Browser.start("en-US")) {
            ChromeDriver driver = browser.driver();
            driver.get(DEMO_PAGE);
            SearchContext widget = widget(driver);
            WebElement launcher = widget.findElement(By.cssSelector(".launcher"));
            assertThat(launcher.getAttribute("aria-label")).isEqualTo("Open chat support");
            launcher.sendKeys(Keys.ENTER);
            WebElement input = widget.findElement(By.cssSelector("textarea"));
            assertThat(activeElementClass(driver)).isEqualTo("TEXTAREA");
            input.sendKeys("What payment methods do you accept?", Keys.ENTER);
            await().atMost(PIPELINE).untilAsserted(() -> assertThat(bubbles(widget, "bot"))
                    .anySatisfy(text -> assertThat(text).contains("credit or debit card")));
        }
    }

    /** The widget's shadow root, once the script has added it. */
    private static SearchContext widget(ChromeDriver driver) {
        AtomicReference<SearchContext> root = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<WebElement> hosts = driver.findElements(By.cssSelector(HOST));
            assertThat(hosts).hasSize(1);
            root.set(hosts.getFirst().getShadowRoot());
            assertThat(root.get().findElements(By.cssSelector(".launcher"))).hasSize(1);
        });
        return root.get();
    }

    /** The texts of the conversation's bubbles, of one author (customer, bot, agent, system) or all. */
    private static List<String> bubbles(SearchContext widget, String from) {
        String selector = from == null ? ".message .bubble" : ".message.from-" + from + " .bubble";
        return widget.findElements(By.cssSelector(selector)).stream()
                .map(bubble -> bubble.getAttribute("textContent")).toList();
    }

    /** The focused element inside the widget: its tag and class, e.g. "BUTTON launcher". */
    private static String activeElementClass(ChromeDriver driver) {
        return (String) driver.executeScript("const active = document.querySelector(arguments[0]).shadowRoot"
                + ".activeElement; return active ? (active.tagName + ' ' + active.className).trim() : null", HOST);
    }

    /** The ticket of this browser's visitor (customer id "visitor:<id>", the id inside the stored token). */
    private static String awaitTicketOf(ChromeDriver driver, String agent) {
        String token = (String) driver.executeScript(
                "return localStorage.getItem('supportflow.widget.demo-web.visitorToken')");
        assertThat(token).isNotBlank();
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String customerId = "visitor:" + payload.split("\n")[2];
        AtomicReference<String> ticketId = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            List<JsonNode> tickets = Tickets.list("customerId=" + Http.encode(customerId), agent);
            assertThat(tickets).hasSize(1);
            ticketId.set(tickets.getFirst().get("id").asText());
        });
        return ticketId.get();
    }

    private static void agentReplies(String ticketId, String agent, String text) {
        Http.Response reply = Http.postJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId + "/replies", agent,
                Map.of("text", text));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }
}
