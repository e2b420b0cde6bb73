package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.e2e.Console.UI;
import static org.supportflow.e2e.Console.accessToken;
import static org.supportflow.e2e.Console.act;
import static org.supportflow.e2e.Console.choose;
import static org.supportflow.e2e.Console.click;
import static org.supportflow.e2e.Console.filterByCustomer;
import static org.supportflow.e2e.Console.openTicket;
import static org.supportflow.e2e.Console.script;
import static org.supportflow.e2e.Console.signIn;
import static org.supportflow.e2e.Console.type;

/**
 * The agent console's workflow beyond the first handoff (AgentConsoleIT), in a real Chromium: keyboard
 * shortcuts, intent correction, accessibility (axe-core, focus order, visible focus), the live stream going on
 * with refreshed tokens, an ended session that keeps the reply being typed, signing out of Keycloak, and
 * presence and capacity that routing acts on.
 */
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConsoleWorkflowIT {

    private static final ChannelClient WEB = new ChannelClient("demo-web");
    /** agent1's ticket for most of the tests. */
    private static Console.Handoff handoff;

    @BeforeAll
    static void agent1HasATicket() {
        LocalPlatform.ensureStarted();
        Agents.presence("agent2", "OFFLINE", 0);
        Agents.presence("agent1", "ONLINE", 5);
        handoff = Console.handOff(WEB, "ko-KR", "상담원 연결해 주세요", "agent1");
    }

    @AfterAll
    static void agentsOffline() {
        Agents.presence("agent1", "OFFLINE", 0);
        Agents.presence("agent2", "OFFLINE", 0);
    }

    @Test
    @Order(1)
    void shortcutsIntentCorrectionAndAccessibility() {
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "agent1");

            // The console passes axe-core's WCAG 2.1 A/AA and best-practice rules: signed in, a ticket open.
            filterByCustomer(wait, handoff.customerId());
            By row = By.cssSelector("[data-ticket-id='" + handoff.ticketId() + "']");
            // The channel filter by type: the web chat's ticket is not a KakaoTalk one.
            By list = By.cssSelector("[data-testid=ticket-list]");
            choose(wait, By.cssSelector("[data-testid=filter-channelType]"), "kakao");
            wait.until(ExpectedConditions.attributeContains(list, "data-query", "channelType=kakao"));
            wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
            choose(wait, By.cssSelector("[data-testid=filter-channelType]"), "web");
            wait.until(ExpectedConditions.attributeContains(list, "data-query", "channelType=web"));
            click(wait, row);
            By customerMessage = By.cssSelector("[data-testid=transcript] li[data-author=customer]");
            wait.until(ExpectedConditions.presenceOfElementLocated(customerMessage));
            Accessibility.assertNoViolations(page, "the console with a ticket open");
            Accessibility.assertFocusOrder(page, List.of("header.top", "nav.inbox", "main.ticket-pane"));

            // Intent correction: the transcript says who corrected it to what; so does the API.
            choose(wait, By.cssSelector("[data-testid=transcript] li[data-author=customer] [data-testid=intent-choice]"),
                    "order_status");
            click(wait, By.cssSelector("[data-testid=transcript] li[data-author=customer] [data-testid=correct-intent]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=transcript] li[data-author=customer] .corrected"),
                    "corrected to order_status by agent1"));
            JsonNode corrected = null;
            for (JsonNode item : Tickets.detail(handoff.ticketId(), Keycloak.token("agent1")).get("transcript")) {
                if (item.path("author").asText().equals("customer")) {
                    corrected = item;
                    break;
                }
            }
            assertThat(corrected).isNotNull();
            assertThat(corrected.path("nlu").path("correctedIntent").asText()).isEqualTo("order_status");
            assertThat(corrected.path("nlu").path("correctedBy").asText()).isEqualTo("agent1");
            assertThat(corrected.path("nlu").path("intent").asText()).as("the NLU's own intent stays")
                    .isEqualTo("human_agent");

            // Keyboard: j / k move through the inbox (agent1's active tickets: this one and earlier tests').
            choose(wait, By.cssSelector("[data-testid=filter-channelType]"), "");
            type(wait, By.cssSelector("[data-testid=filter-customerId]"), "");
            wait.until(page1 -> page1.findElements(By.cssSelector(".ticket-row")).size() >= 2);
            click(wait, By.cssSelector(".ticket-row"));
            String first = selectedTicket(page, wait);
            List<String> order = rowIds(page);
            String second = order.get(order.indexOf(first) + 1);
            press(page, "j");
            awaitOpen(wait, second);
            press(page, "k");
            awaitOpen(wait, first);

            // r and n go to the reply and note boxes; typed there, letters are text, not shortcuts.
            press(page, "r");
            wait.until(ignored -> "compose-reply".equals(focused(page)));
            press(page, "jkn");
            assertThat(page.findElement(By.cssSelector("[data-testid=compose-reply]")).getDomProperty("value"))
                    .endsWith("jkn");
            assertThat(focused(page)).isEqualTo("compose-reply");
            assertThat(page.getCurrentUrl()).endsWith("#ticket/" + first);
            script(page, "document.activeElement.blur();");
            press(page, "n");
            wait.until(ignored -> "compose-note".equals(focused(page)));
            press(page, "r");
            assertThat(focused(page)).isEqualTo("compose-note");
            assertThat(page.findElement(By.cssSelector("[data-testid=compose-note]")).getDomProperty("value"))
                    .endsWith("r");
        }
    }

    @Test
    @Order(2)
    void theStreamGoesOnWithRefreshedTokensAndAnEndedSessionKeepsTheDraft() {
        // Console tokens that live 40 s: the stream, which ends with the token that opened it, reconnects every
        // few dozen seconds; the console refreshes 30 s ahead, so a refused refresh shows within 10 s.
        String before = KeycloakAdmin.clientAttribute("support-console", "access.token.lifespan", "40");
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            WebDriverWait long_ = new WebDriverWait(page, Duration.ofSeconds(120));
            signIn(page, wait, "agent1");
            script(page, "window.samePage = 'yes';");
            String firstToken = accessToken(page);
            openTicket(page, wait, handoff.ticketId());

            // 1. The stream reconnects (at least twice: the first and the refreshed tokens expire) and keeps
            // bringing changes: a new customer message appears in the open ticket.
            By live = By.cssSelector("[data-testid=live]");
            long_.until(ignored -> Integer.parseInt(page.findElement(live).getDomAttribute("data-connections")) >= 3);
            assertThat(accessToken(page)).as("a refreshed token").isNotEqualTo(firstToken);
            wait.until(ExpectedConditions.attributeToBe(live, "data-connected", "true"));
            String later = "One more thing: is it shipped yet? " + ChannelClient.newId("q");
            Http.Response more = WEB.post(WEB.message(ChannelClient.newId("m"), handoff.customerId(), "en-US",
                    "REGULAR", later), null);
            assertThat(more.status()).as(more.toString()).isIn(200, 202);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=transcript]"), later));
            assertThat(script(page, "return window.samePage;")).as("no reload").isEqualTo("yes");

            // 2. A reply being typed when the session ends (an administrator ends agent1's sessions).
            String draft = "Your order left our warehouse today; " + ChannelClient.newId("draft");
            By replyBox = By.cssSelector("[data-testid=compose-reply]");
            act(wait, replyBox, box -> box.sendKeys(draft));
            KeycloakAdmin.endSessions("agent1");
            // The next refresh is refused: the console says so and stops using the old token.
            By message = By.cssSelector("[data-testid=signin-message][data-reason=session-expired]");
            long_.until(ExpectedConditions.visibilityOfElementLocated(message));
            assertThat(page.findElement(message).getText()).contains("session ended");
            assertThat(accessToken(page)).isNull();
            Accessibility.assertNoViolations(page, "the session-ended page");

            // 3. Signing in again (Keycloak asks for the password: the session is gone) comes back to the ticket
            // with the draft still in its reply box.
            click(wait, By.cssSelector("[data-testid=sign-in]"));
            Console.logInOnKeycloak(page, wait, "agent1");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=ticket-title]"), handoff.ticketId()));
            wait.until(ExpectedConditions.attributeToBe(replyBox, "value", draft));
            assertThat(page.getCurrentUrl()).endsWith("#ticket/" + handoff.ticketId());
        } finally {
            KeycloakAdmin.clientAttribute("support-console", "access.token.lifespan", before);
        }
    }

    @Test
    @Order(3)
    void signingOutEndsTheKeycloakSession() {
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            Set<String> earlier = KeycloakAdmin.sessionIds("agent2");
            signIn(page, wait, "agent2");
            Set<String> console = new HashSet<>(KeycloakAdmin.sessionIds("agent2"));
            console.removeAll(earlier);
            assertThat(console).as("the console's Keycloak session").hasSize(1);

            click(wait, By.cssSelector("[data-testid=sign-out]"));
            By message = By.cssSelector("[data-testid=signin-message][data-reason=signed-out]");
            wait.until(ExpectedConditions.visibilityOfElementLocated(message));
            assertThat(page.findElement(message).getText()).isEqualTo("You are signed out.");
            assertThat(page.getCurrentUrl()).startsWith(Console.URL);
            assertThat(accessToken(page)).isNull();
            assertThat(KeycloakAdmin.sessionIds("agent2")).as("Keycloak ended the console's session")
                    .doesNotContainAnyElementsOf(console);
            Accessibility.assertNoViolations(page, "the signed-out page");

            // Signing in again needs the password: nothing of the old session is used.
            click(wait, By.cssSelector("[data-testid=sign-in]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        }
    }

    @Test
    @Order(4)
    void presenceAndCapacitySetInTheConsoleReachRouting() {
        // Nobody online: a new handoff waits in the queue.
        Agents.presence("agent1", "OFFLINE", 0);
        Agents.presence("agent2", "OFFLINE", 0);
        Console.handOff(WEB, "ko-KR", "상담원 연결해 주세요", null);
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
            Http.Response queue = Http.get(LocalPlatform.ROUTING + "/api/v1/routing/queue",
                    Keycloak.token("supervisor1"));
            assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
            assertThat(queue.json().get("size").asInt()).isPositive();
        });
        int active = agent2InRouting().path("active").asInt();
        assertThat(active).as("agent2's active conversations leave room for one more").isLessThan(50);
        int capacity = active + 1;

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "agent2");
            type(wait, By.cssSelector("[data-testid=capacity]"), String.valueOf(capacity));
            choose(wait, By.cssSelector("[data-testid=presence]"), "ONLINE");
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=presence-result]"),
                    "data-state", "saved"));
            // Routing sees agent2 online with that capacity, and gives them a conversation from the queue.
            await().atMost(Tickets.PIPELINE).untilAsserted(() -> {
                JsonNode agent2 = agent2InRouting();
                assertThat(agent2.path("status").asText()).isEqualTo("ONLINE");
                assertThat(agent2.path("capacity").asInt()).isEqualTo(capacity);
                assertThat(agent2.path("active").asInt()).isGreaterThan(active);
            });

            choose(wait, By.cssSelector("[data-testid=presence]"), "OFFLINE");
            await().atMost(Tickets.PIPELINE).untilAsserted(() ->
                    assertThat(agent2InRouting().path("status").asText()).isEqualTo("OFFLINE"));
        }
    }

    private static JsonNode agent2InRouting() {
        return Agents.inRouting().stream().filter(view -> view.path("agentId").asText().equals("agent2"))
                .findFirst().orElseThrow(() -> new AssertionError("routing does not know agent2"));
    }

    private static void press(WebDriver page, String keys) {
        new Actions(page).sendKeys(keys).perform();
    }

    /** The data-testid of the element with the keyboard focus. */
    private static String focused(WebDriver page) {
        return (String) script(page, "return document.activeElement?.dataset?.testid ?? null;");
    }

    /** The inbox's ticket ids in its order, read at once (a live reload redraws the rows). */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds(WebDriver page) {
        return (List<String>) script(page,
                "return [...document.querySelectorAll('.ticket-row')].map(row => row.dataset.ticketId);");
    }

    private static String selectedTicket(WebDriver page, WebDriverWait wait) {
        return wait.until(ignored -> (String) script(page,
                "return document.querySelector('.ticket-row[aria-current=true]')?.dataset.ticketId ?? null;"));
    }

    private static void awaitOpen(WebDriverWait wait, String ticketId) {
        wait.until(ExpectedConditions.urlContains("#ticket/" + ticketId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=ticket-title]"), ticketId));
    }
}
