package org.supportflow.ticket.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.TestTokens;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/tickets/stream}: ticket changes pushed to consoles as server-sent events, through Kafka's
 * {@code ticket.events}, each caller getting only the tickets it may see.
 */
@QuarkusTest
class TicketStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/tickets/stream")
    URI streamUri;

    @Inject
    ConversationIngest ingest;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Stream<String>> open = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
    }

    /** An open stream: its server-sent events as (name, data) pairs, collected in the background. */
    private final class Listener {
        final List<String[]> events = new CopyOnWriteArrayList<>();

        Listener(String user, String role) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(streamUri)
                    .header("Authorization", "Bearer " + TestTokens.token(user, role))
                    .header("Accept", "text/event-stream")
                    .build();
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            open.add(response.body());
            Thread.ofVirtual().start(() -> {
                String[] name = {null};
                try {
                    response.body().forEach(line -> {
                        if (line.startsWith("event:")) {
                            name[0] = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            events.add(new String[]{name[0], line.substring(5).strip()});
                        } else if (line.isEmpty()) {
                            name[0] = null;
                        }
                    });
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
            await().atMost(WAIT).until(() -> events.stream().anyMatch(event -> "ready".equals(event[0])));
        }

        List<JsonNode> changesOf(String ticketId) {
            return events.stream()
                    .filter(event -> "ticket".equals(event[0]))
                    .map(event -> read(event[1]))
                    .filter(change -> ticketId.equals(change.path("ticketId").asText()))
                    .toList();
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void theStreamWantsABearerToken() {
        given().accept("text/event-stream").when().get("/api/v1/tickets/stream")
                .then().statusCode(401).contentType(ContentType.JSON);
    }

    @Test
    void eachCallerHearsOfTheTicketsItMaySeeOnly() throws Exception {
        Listener agent1 = new Listener("agent1", "agent");
        Listener agent2 = new Listener("agent2", "agent");
        Listener supervisor = new Listener("supervisor1", "supervisor");

        // A handoff to the queue: everyone may see it.
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.HIGH);
        String ticketId = handoff.ticketId();
        for (Listener listener : List.of(agent1, agent2, supervisor)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.changesOf(ticketId))
                    .anySatisfy(change -> {
                        assertThat(change.path("type").asText()).isEqualTo("CREATED");
                        assertThat(change.path("status").asText()).isEqualTo("NEW");
                        assertThat(change.path("priority").asText()).isEqualTo("HIGH");
                        assertThat(change.path("conversationId").asText()).isEqualTo(handoff.conversationId());
                    }));
        }

        // Assigned to agent1: agent1 and the supervisor hear of it, agent2 does not.
        ingest.onAssignment(TestEvents.assignment(handoff.conversationId(), handoff.messageId(), "agent1"));
        for (Listener listener : List.of(agent1, supervisor)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.changesOf(ticketId))
                    .anySatisfy(change -> assertThat(change.path("assignee").asText()).isEqualTo("agent1")));
        }

        // Back to the queue: a later event of the same ticket (same Kafka key, so in order) that agent2 may see.
        long version = given().auth().oauth2(TestTokens.token("supervisor1", "supervisor"))
                .when().get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).extract().jsonPath().getLong("ticket.version");
        given().auth().oauth2(TestTokens.token("supervisor1", "supervisor")).contentType(ContentType.JSON)
                .body("{\"assignee\": null, \"version\": " + version + "}")
                .when().patch("/api/v1/tickets/" + ticketId)
                .then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(agent2.changesOf(ticketId))
                .anySatisfy(change -> assertThat(change.path("type").asText()).isEqualTo("ASSIGNED")));
        assertThat(agent2.changesOf(ticketId))
                .as("agent2 never hears of the ticket while it is agent1's")
                .allSatisfy(change -> assertThat(change.path("assignee").isNull()
                        || change.path("assignee").isMissingNode()).isTrue());
        await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.changesOf(ticketId))
                .filteredOn(change -> change.path("type").asText().equals("ASSIGNED")).hasSize(2));
    }
}
