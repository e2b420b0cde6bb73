package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.e2e.Console.act;
import static org.supportflow.e2e.Console.choose;
import static org.supportflow.e2e.Console.click;
import static org.supportflow.e2e.Console.filterByCustomer;
import static org.supportflow.e2e.Console.signIn;
import static org.awaitility.Awaitility.await;

/**
 * The agent console (CONTRACT.md §2b) in a real Chromium: signing in on Keycloak's own login page, a Korean
 * customer's handoff appearing in the inbox without a reload, the transcript with the NLU's annotations,
 * replying (the customer's channel gets it), an internal note (never sent), a stale edit shown as a conflict,
 * solving (the customer gets the CSAT question), and who sees what.
 */
@Order(7)
class AgentConsoleIT {

    private static final Duration UI = Console.UI;

    private final ChannelClient web = new ChannelClient("demo-web");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
        // Routing hands the customer to agent1, the only agent online.
        Agents.presence("agent2", "OFFLINE", 0);
        Agents.presence("agent1", "ONLINE", 5);
    }

    @AfterAll
    static void agentsOffline() {
        Agents.presence("agent1", "OFFLINE", 0);
    }

    @Test
    void anAgentWorksAHandoffInTheConsole() {
        String agentToken = Keycloak.token("agent1");
        String ticketId;
        String conversationId;
        String customerId = ChannelClient.newId("cust");
        String replyText = "안녕하세요, 상담원입니다. 주문 내역을 확인해 드릴게요.";
        String noteText = "내부 메모: 결제 내역 확인 필요";
        try (Browser browser = Browser.start("ko-KR")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "agent1");
            // The inbox is in Korean, from the browser's language.
            assertThat(page.findElement(By.cssSelector("nav.inbox h2")).getText()).isEqualTo("받은 문의");
            ((JavascriptExecutor) page).executeScript("window.samePage = 'yes';");

            // 1. A Korean customer asks for a person: the ticket shows up in the open inbox by itself.
            Http.Response accepted = web.post(web.message(ChannelClient.newId("m"), customerId,
                    "ko-KR", "REGULAR", "상담원 연결해 주세요"), null);
            assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
            conversationId = accepted.json().get("conversationId").asText();
            ticketId = Tickets.awaitTicket(conversationId, agentToken).get("id").asText();
            // Routing gives it to agent1, the only agent online, or agent1 takes it from the queue.
            Tickets.assignTo(ticketId, "agent1");
            By row = By.cssSelector("[data-ticket-id='" + ticketId + "']");
            wait.until(ExpectedConditions.elementToBeClickable(row));
            assertThat(((JavascriptExecutor) page).executeScript("return window.samePage;"))
                    .as("the row arrived without reloading the page").isEqualTo("yes");

            // 2. The ticket: the customer's message with intent, confidence, sentiment and language.
            click(wait, row);
            By customerMessage = By.cssSelector("[data-testid=transcript] li[data-author=customer]");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(customerMessage, "상담원 연결해 주세요"));
            WebElement first = page.findElement(customerMessage);
            assertThat(first.findElement(By.cssSelector("[data-field=intent]")).getText()).isEqualTo("human_agent");
            assertThat(first.findElement(By.cssSelector("[data-field=language]")).getText()).isEqualTo("ko");
            assertThat(first.findElement(By.cssSelector("[data-field=confidence]")).getText()).endsWith("%");
            assertThat(first.findElement(By.cssSelector("[data-field=sentiment]")).getText()).isNotBlank();
            assertThat(page.findElement(By.cssSelector("[data-testid=handoff-reason]")).getText())
                    .contains("requested");
            assertThat(page.findElement(By.cssSelector("[data-testid=bot-summary]")).getText())
                    .contains("human_agent");

            // 3. The customer asks something the bot knows while waiting: the knowledge-base answer is offered
            // and goes into the reply box for editing.
            Http.Response question = web.post(web.message(ChannelClient.newId("m"), customerId, "ko-KR", "REGULAR",
                    "그리고 배송비는 얼마예요?"), null);
            assertThat(question.status()).as(question.toString()).isIn(200, 202);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=transcript]"), "배송비는 얼마예요"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=suggestions]")));
            String suggestion = page.findElement(By.cssSelector("[data-testid=suggestions] .suggestion")).getText();
            assertThat(suggestion).isNotBlank();
            click(wait, By.cssSelector("[data-testid=insert-suggestion]"));
            By replyBox = By.cssSelector("[data-testid=compose-reply]");
            wait.until(ExpectedConditions.attributeContains(replyBox, "value", suggestion.lines().findFirst().orElseThrow()));

            // 4. A reply: in the transcript, and on the customer's channel.
            act(wait, replyBox, WebElement::clear);
            act(wait, replyBox, box -> box.sendKeys(replyText));
            click(wait, By.cssSelector("[data-testid=send-reply]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=transcript] li[data-author=agent]"), replyText));
            String finalConversationId = conversationId;
            await().atMost(Tickets.PIPELINE).untilAsserted(() ->
                    assertThat(replyTexts(finalConversationId, "agent")).contains(replyText));

            // 5. An internal note: in the transcript as a note.
            click(wait, By.cssSelector("button[data-compose=note]"));
            act(wait, By.cssSelector("[data-testid=compose-note]"), box -> box.sendKeys(noteText));
            click(wait, By.cssSelector("[data-testid=send-note]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=transcript] li[data-author=note]"), noteText));
            ((JavascriptExecutor) page).executeScript("document.querySelector('.ticket-pane').scrollTop = 0;");
            browser.screenshot(LocalPlatform.repo().resolve("docs/images/agent-console.png"));

            // 6. A stale edit: someone else saves first; the console shows the newer version, saves nothing.
            choose(wait, By.cssSelector("[data-testid=edit-form] select[name=priority]"), "URGENT");
            JsonNode before = Tickets.detail(ticketId, agentToken).get("ticket");
            Http.Response elsewhere = Http.patchJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId,
                    Keycloak.token("supervisor1"), Map.of("tags", List.of("vip-followup"),
                            "version", before.get("version").asLong()));
            assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
            long newer = elsewhere.json().get("version").asLong();
            click(wait, By.cssSelector("[data-testid=save]"));
            By conflict = By.cssSelector("[data-testid=conflict]");
            wait.until(ExpectedConditions.visibilityOfElementLocated(conflict));
            assertThat(page.findElement(conflict).getText()).contains(String.valueOf(newer));
            JsonNode afterConflict = Tickets.detail(ticketId, agentToken).get("ticket");
            assertThat(afterConflict.get("priority").asText()).isEqualTo(before.get("priority").asText());
            assertThat(afterConflict.get("tags").toString()).contains("vip-followup");

            // 7. Solving from the (now current) form: the customer is asked for a rating.
            choose(wait, By.cssSelector("[data-testid=edit-form] select[name=status]"), "SOLVED");
            click(wait, By.cssSelector("[data-testid=save]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=ticket-title]"), "해결됨"));
            await().atMost(Tickets.PIPELINE).untilAsserted(() -> assertThat(replies(finalConversationId))
                    .anySatisfy(reply -> assertThat(reply.path("quickReplies").toString()).contains("\"5\"")));
            // The CSAT question came after the note: had the note been sent, it would be there by now.
            assertThat(replies(conversationId)).noneSatisfy(reply ->
                    assertThat(reply.path("text").asText()).contains(noteText));
        }

        // 8. A supervisor sees every ticket; another agent not agent1's.
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "supervisor1");
            click(wait, By.cssSelector("[data-view=all]"));
            choose(wait, By.cssSelector("[data-testid=filter-status]"), "");
            // Earlier tests leave many tickets in the database: the supervisor looks this customer up.
            filterByCustomer(wait, customerId);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-ticket-id='" + ticketId + "']")));
            assertThat(page.findElement(By.cssSelector("[data-testid=ticket-count]")).getText()).isEqualTo("1 ticket");
        }
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, UI);
            signIn(page, wait, "agent2");
            assertThat(page.findElements(By.cssSelector("[data-view=all]"))).isEmpty();
            choose(wait, By.cssSelector("[data-testid=filter-status]"), "");
            filterByCustomer(wait, customerId);
            for (String view : List.of("mine", "unassigned")) {
                click(wait, By.cssSelector("[data-view=" + view + "]"));
                wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid=ticket-list]"),
                        "data-query", "assignee=" + (view.equals("mine") ? "me" : "none")));
                wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid=ticket-list]"),
                        "data-query", "customerId=" + customerId));
                assertThat(page.findElements(By.cssSelector("[data-ticket-id='" + ticketId + "']"))).isEmpty();
            }
            ((JavascriptExecutor) page).executeScript("location.hash = arguments[0];", "#ticket/" + ticketId);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=ticket]"), "assigned to another agent"));
        }
    }

    private List<JsonNode> replies(String conversationId) {
        Http.Response response = web.replies(conversationId, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> replies = new ArrayList<>();
        response.json().get("replies").forEach(replies::add);
        return replies;
    }

    private List<String> replyTexts(String conversationId, String from) {
        return replies(conversationId).stream()
                .filter(reply -> from.equals(reply.path("from").asText()))
                .map(reply -> reply.path("text").asText())
                .toList();
    }
}
