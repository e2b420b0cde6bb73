package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the agent console's browser tests share: signing in on Keycloak's page, acting on elements that live
 * updates may redraw, the inbox's customer filter, and a customer's handoff that becomes an agent's ticket.
 */
final class Console {

    static final Duration UI = Duration.ofSeconds(30);
    static final String URL = LocalPlatform.TICKETS + "/agent/";

    /** A customer's handoff: the conversation and the ticket it became. */
    record Handoff(String customerId, String conversationId, String ticketId) {
    }

    private Console() {
    }

    /**
     * Acts on an element found afresh each try: live updates redraw parts of the page, so an element found a
     * moment ago may have been replaced.
     */
    static void act(WebDriverWait wait, By by, Consumer<WebElement> action) {
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            action.accept(page.findElement(by));
            return true;
        });
    }

    static void click(WebDriverWait wait, By by) {
        act(wait, by, WebElement::click);
    }

    static void choose(WebDriverWait wait, By select, String value) {
        act(wait, select, element -> new Select(element).selectByValue(value));
    }

    /** Replaces a field's text and leaves it with Tab (the console acts on "change"). */
    static void type(WebDriverWait wait, By field, String text) {
        act(wait, field, WebElement::clear);
        act(wait, field, box -> box.sendKeys(text, Keys.TAB));
    }

    static void filterByCustomer(WebDriverWait wait, String customerId) {
        type(wait, By.cssSelector("[data-testid=filter-customerId]"), customerId);
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid=ticket-list]"),
                "data-query", "customerId=" + customerId));
    }

    /** Signs in on Keycloak's own login page; waits until the console shows the user and its live stream. */
    static void signIn(WebDriver page, WebDriverWait wait, String user) {
        page.get(URL);
        click(wait, By.cssSelector("[data-testid=sign-in]"));
        logInOnKeycloak(page, wait, user);
    }

    /** Fills in Keycloak's login form (the page the console sent the browser to), then waits for the console. */
    static void logInOnKeycloak(WebDriver page, WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user);
        page.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=user]"), user));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=live]"), "data-connected", "true"));
    }

    static Object script(WebDriver page, String script, Object... args) {
        return ((JavascriptExecutor) page).executeScript(script, args);
    }

    /** The access token the console holds now (its auth module, the same instance the page imported). */
    static String accessToken(WebDriver page) {
        return (String) ((JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/shared/js/auth.js').then(auth => done(auth.accessToken()), e => done('error: ' + e));""");
    }

    /** Opens a ticket as a link to it would (#ticket/id), and waits until the ticket view shows it. */
    static void openTicket(WebDriver page, WebDriverWait wait, String ticketId) {
        script(page, "location.hash = arguments[0];", "#ticket/" + ticketId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=ticket-title]"), ticketId));
    }

    /**
     * A new customer asks for a person on the web channel; waits for the ticket. With {@code agent} set, the
     * ticket ends up assigned to that agent: routing gives it to them (the only agent online), unless
     * conversations that earlier tests left in the queue take the agent's free slots first; then the agent
     * takes it from the queue, as agents do.
     */
    static Handoff handOff(ChannelClient channel, String locale, String text, String agent) {
        String customerId = ChannelClient.newId("cust");
        Http.Response accepted = channel.post(channel.message(ChannelClient.newId("m"), customerId, locale,
                "REGULAR", text), null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
        String conversationId = accepted.json().get("conversationId").asText();
        String token = Keycloak.token("supervisor1");
        String ticketId = Tickets.awaitTicket(conversationId, token).get("id").asText();
        if (agent != null) {
            Tickets.assignTo(ticketId, agent);
        }
        return new Handoff(customerId, conversationId, ticketId);
    }
}
