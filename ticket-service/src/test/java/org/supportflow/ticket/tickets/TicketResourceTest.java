package org.supportflow.ticket.tickets;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.ingest.PollIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The agents' ticket API: lists, detail, replies, notes and PATCH, with their error paths. */
@QuarkusTest
class TicketResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Inject
    PollIngest polls;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void listFiltersByConversationStatusPriorityAndCustomer() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.HIGH);

        given().queryParam("conversationId", handoff.conversationId())
                .when().get("/api/v1/tickets")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(handoff.ticketId()))
                .body("items[0].status", equalTo("NEW"))
                .body("items[0].priority", equalTo("HIGH"))
                .body("items[0].handoffReason", equalTo("intent_policy"))
                .body("items[0].sla.firstResponse.dueAt", notNullValue())
                .body("items[0].sla.firstResponse.state", notNullValue());
        given().queryParam("conversationId", handoff.conversationId()).queryParam("status", "OPEN,PENDING")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("conversationId", handoff.conversationId()).queryParam("status", "new")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(1));
        given().queryParam("customerId", handoff.customerId()).queryParam("priority", "LOW")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("customerId", handoff.customerId()).queryParam("priority", "HIGH")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", contains(handoff.ticketId()));
        given().queryParam("customerId", handoff.customerId()).queryParam("assignee", "none")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(1));

        ingest.onAssignment(TestEvents.assignment(handoff.conversationId(), handoff.messageId(), "agent9"));
        given().queryParam("customerId", handoff.customerId()).queryParam("assignee", "agent9")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items[0].assignee", equalTo("agent9"));
        given().queryParam("customerId", handoff.customerId()).queryParam("assignee", "none")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void listPagesAndRejectsBadParameters() {
        String customerId = TestEvents.newId("cust");
        Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.handoff(ingest, Priority.NORMAL, customerId);

        given().queryParam("customerId", customerId).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/v1/tickets")
                .then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(1)).body("page", equalTo(1)).body("size", equalTo(2));

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("status", "DONE"), Map.of("priority", "P1"),
                Map.of("size", 0), Map.of("size", 101), Map.of("page", -1), Map.of("sla", "late"),
                Map.of("page", 2147483647), Map.of("page", "99999999999"), Map.of("page", 100_001))) {
            given().queryParams(bad).when().get("/api/v1/tickets")
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("invalid_request"))
                    .body("message", notNullValue());
        }
        given().queryParam("size", "many").when().get("/api/v1/tickets")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", notNullValue());
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void anAgentSeesTheQueueAndOwnTicketsButNotAnotherAgents() {
        String customerId = TestEvents.newId("cust");
        Scenario.Handoff queued = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.Handoff mine = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.Handoff theirs = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        ingest.onAssignment(TestEvents.assignment(mine.conversationId(), mine.messageId(), "agent1"));
        ingest.onAssignment(TestEvents.assignment(theirs.conversationId(), theirs.messageId(), "agent2"));

        List<String> visible = given().queryParam("customerId", customerId)
                .when().get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(visible).containsExactlyInAnyOrder(queued.ticketId(), mine.ticketId());

        given().queryParam("customerId", customerId).queryParam("assignee", "me")
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", contains(mine.ticketId()));
        given().queryParam("assignee", "agent2").when().get("/api/v1/tickets")
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));

        given().when().get("/api/v1/tickets/{id}", theirs.ticketId())
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(Map.of("text", "hello"))
                .when().post("/api/v1/tickets/{id}/replies", theirs.ticketId())
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(Map.of("text", "memo"))
                .when().post("/api/v1/tickets/{id}/notes", theirs.ticketId())
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("status", "OPEN", "version", 0))
                .when().patch("/api/v1/tickets/{id}", theirs.ticketId())
                .then().statusCode(403);
        given().when().get("/api/v1/tickets/{id}/audit", theirs.ticketId())
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post("/api/v1/tickets/{id}/messages/{m}/intent", theirs.ticketId(), theirs.messageId())
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().when().get("/api/v1/tickets/{id}", queued.ticketId()).then().statusCode(200);
        given().when().get("/api/v1/tickets/{id}", mine.ticketId()).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theTranscriptShowsHowEachReplyReachesTheCustomer() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        OutboundMessageEvent agentReply = OutboundMessageEvent.of(handoff.conversationId(), TestEvents.CHANNEL, null,
                Author.AGENT, "agent1", OutboundMessageEvent.Kind.AGENT_REPLY, "확인해 드렸습니다.", List.of());
        ingest.onOutbound(agentReply);
        Instant heldAt = Instant.parse("2026-12-02T10:00:00Z");
        polls.deliveryStatuses(List.of(DeliveryStatusEvent.of(handoff.conversationId(), TestEvents.CHANNEL,
                agentReply.messageId(), DeliveryStatusEvent.Status.HELD_UNTIL_NEXT_MESSAGE, heldAt)));
        polls.deliveryStatuses(List.of(DeliveryStatusEvent.of(handoff.conversationId(), TestEvents.CHANNEL,
                agentReply.messageId(), DeliveryStatusEvent.Status.DELIVERED, heldAt.plusSeconds(60))));
        // an older status arriving late does not undo the newer one
        polls.deliveryStatuses(List.of(DeliveryStatusEvent.of(handoff.conversationId(), TestEvents.CHANNEL,
                agentReply.messageId(), DeliveryStatusEvent.Status.EVENT_API, heldAt.minusSeconds(60))));

        var json = given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> transcript = json.getList("transcript");
        assertThat(transcript).filteredOn(entry -> agentReply.messageId().equals(entry.get("messageId")))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("delivery", "DELIVERED"));
        assertThat(transcript).filteredOn(entry -> handoff.messageId().equals(entry.get("messageId")))
                .singleElement().satisfies(entry -> assertThat(entry).doesNotContainKey("delivery"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void detailHasTheWholeContext() {
        String customerId = TestEvents.newId("cust");
        Scenario.Handoff earlier = Scenario.handoff(ingest, Priority.NORMAL, customerId);
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.HIGH, customerId);
        ingest.onOutbound(OutboundMessageEvent.of(handoff.conversationId(), TestEvents.CHANNEL, handoff.messageId(),
                Author.SYSTEM, null, OutboundMessageEvent.Kind.HANDOFF_NOTICE, "상담원을 연결해 드릴게요.", List.of()));
        given().contentType(ContentType.JSON).body(Map.of("text", "확인 중입니다."))
                .when().post("/api/v1/tickets/{id}/notes", handoff.ticketId())
                .then().statusCode(201);

        Response detail = given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200).extract().response();
        assertThat(detail.header("ETag")).isEqualTo("\"" + detail.jsonPath().getLong("ticket.version") + "\"");
        var json = detail.jsonPath();
        assertThat(json.getString("ticket.id")).isEqualTo(handoff.ticketId());
        assertThat(json.getString("handoffReason")).isEqualTo("intent_policy");
        assertThat(json.getList("transcript.author", String.class)).containsExactly("customer", "system", "note");
        assertThat(json.getString("transcript[0].text")).isEqualTo(Scenario.RAW_TEXT);
        assertThat(json.getString("transcript[0].nlu.intent")).isEqualTo("delivery_problem");
        assertThat(json.getDouble("transcript[0].nlu.confidence")).isEqualTo(0.91);
        assertThat(json.getString("transcript[0].nlu.sentiment")).isEqualTo("negative");
        assertThat(json.getString("transcript[0].nlu.language")).isEqualTo("ko");
        assertThat(json.getBoolean("transcript[2].internal")).isTrue();
        assertThat(json.getString("customer.name")).isEqualTo("홍길동");
        assertThat(json.getString("customer.tier")).isEqualTo("VIP");
        assertThat(json.getString("customer.locale")).isEqualTo("ko-KR");
        assertThat(json.getList("customer.identities.channelId", String.class)).containsExactly(TestEvents.CHANNEL);
        assertThat(json.getList("earlierTickets.id", String.class)).containsExactly(earlier.ticketId());
        assertThat(json.getList("audit.action", String.class)).contains("CREATED", "NOTE_ADDED");
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void unknownTicketsAnswer404Everywhere() {
        String missing = "no-such-ticket";
        given().when().get("/api/v1/tickets/{id}", missing)
                .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
        given().when().get("/api/v1/tickets/{id}/audit", missing).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/v1/tickets/{id}/replies", missing).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/v1/tickets/{id}/notes", missing).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("status", "OPEN", "version", 0))
                .when().patch("/api/v1/tickets/{id}", missing).then().statusCode(404).body("error", equalTo("not_found"));
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post("/api/v1/tickets/{id}/messages/{m}/intent", missing, "m1").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void aNulInAReplyOrNoteIsA400NotAFailedCommit() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        for (String path : List.of("/api/v1/tickets/{id}/replies", "/api/v1/tickets/{id}/notes")) {
            given().contentType(ContentType.JSON).body(Map.of("text", "확인\u0000했습니다"))
                    .when().post(path, handoff.ticketId())
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
        }
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void aReplyGoesToTheCustomersChannelAndStopsTheFirstResponseClock() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);

        String messageId = given().contentType(ContentType.JSON).body(Map.of("text", "안녕하세요, 확인해 드릴게요."))
                .when().post("/api/v1/tickets/{id}/replies", handoff.ticketId())
                .then().statusCode(201)
                .body("ticketId", equalTo(handoff.ticketId()))
                .extract().path("messageId");

        OutboundMessageEvent reply = kafka.await(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                event -> event.conversationId().equals(handoff.conversationId()), WAIT).value();
        assertThat(reply.messageId()).isEqualTo(messageId);
        assertThat(reply.author()).isEqualTo(Author.AGENT);
        assertThat(reply.kind()).isEqualTo(OutboundMessageEvent.Kind.AGENT_REPLY);
        assertThat(reply.agentId()).isEqualTo("agent1");
        assertThat(reply.channelId()).isEqualTo(TestEvents.CHANNEL);
        assertThat(reply.inReplyTo()).isEqualTo(handoff.messageId());
        assertThat(reply.text()).isEqualTo("안녕하세요, 확인해 드릴게요.");

        TicketEvent replied = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.ticketId().equals(handoff.ticketId()) && event.type() == TicketEvent.Type.AGENT_REPLIED,
                WAIT).value();
        assertThat(replied.attributes()).containsKey("firstResponseSeconds");
        assertThat(replied.messageId()).isEqualTo(messageId);

        Ticket ticket = Scenario.ticket(handoff.ticketId());
        assertThat(ticket.firstRespondedAt).isNotNull();
        assertThat(ticket.status).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.assigneeId).isEqualTo("agent1");
        given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200)
                .body("transcript.author", contains("customer", "agent"))
                .body("transcript[1].kind", equalTo("AGENT_REPLY"))
                .body("ticket.sla.firstResponse.metAt", notNullValue());
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void repliesAndNotesRejectBadBodies() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        for (String path : List.of("/api/v1/tickets/{id}/replies", "/api/v1/tickets/{id}/notes")) {
            given().contentType(ContentType.JSON).body(Map.of("text", "   "))
                    .when().post(path, handoff.ticketId())
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
            given().contentType(ContentType.JSON).body("{\"text\": ")
                    .when().post(path, handoff.ticketId())
                    .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_json"));
            given().contentType(ContentType.JSON).body(Map.of())
                    .when().post(path, handoff.ticketId())
                    .then().statusCode(400).body("error", equalTo("invalid_request"));
        }
        given().contentType(ContentType.JSON).body(Map.of("text", "x".repeat(TicketCommands.MAX_REPLY_LENGTH + 1)))
                .when().post("/api/v1/tickets/{id}/replies", handoff.ticketId())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void notesStayInternal() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String noteText = "내부 메모: 물류센터 확인 필요";
        given().contentType(ContentType.JSON).body(Map.of("text", noteText))
                .when().post("/api/v1/tickets/{id}/notes", handoff.ticketId())
                .then().statusCode(201).body("messageId", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("text", "고객님께 드리는 답변"))
                .when().post("/api/v1/tickets/{id}/replies", handoff.ticketId())
                .then().statusCode(201);

        // the reply is on the topic; the note, written before it, is not
        kafka.await(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                event -> event.conversationId().equals(handoff.conversationId()), WAIT);
        List<OutboundMessageEvent> outbound = kafka.collect(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                        event -> event.conversationId().equals(handoff.conversationId()), 10, Duration.ofSeconds(3))
                .stream().map(KafkaTestClient.Received::value).toList();
        assertThat(outbound).extracting(OutboundMessageEvent::text).containsExactly("고객님께 드리는 답변");
        given().when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200)
                .body("transcript.find { it.internal }.text", equalTo(noteText));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void patchNeedsTheCurrentVersion() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        long version = Scenario.ticket(handoff.ticketId()).version;

        given().contentType(ContentType.JSON).body(Map.of("priority", "URGENT"))
                .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(428).body("error", equalTo("precondition_required"));

        Response updated = given().contentType(ContentType.JSON)
                .body(Map.of("priority", "URGENT", "tags", List.of("배송", "vip"), "version", version))
                .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200)
                .body("priority", equalTo("URGENT"))
                .body("tags", contains("vip", "배송"))
                .extract().response();
        long next = updated.jsonPath().getLong("version");
        assertThat(next).isGreaterThan(version);
        assertThat(updated.header("ETag")).isEqualTo("\"" + next + "\"");

        // a second editor still holding the old version
        given().contentType(ContentType.JSON).body(Map.of("priority", "LOW", "version", version))
                .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(409).contentType(ContentType.JSON).body("error", equalTo("version_conflict"));
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(Map.of("priority", "LOW"))
                .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(412).contentType(ContentType.JSON).body("error", equalTo("precondition_failed"));
        assertThat(Scenario.ticket(handoff.ticketId()).priority).isEqualTo(Priority.URGENT);

        given().contentType(ContentType.JSON).header("If-Match", "\"" + next + "\"").body(Map.of("assignee", "agent2"))
                .when().patch("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200).body("assignee", equalTo("agent2"));

        TicketEvent changed = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.ticketId().equals(handoff.ticketId())
                        && event.type() == TicketEvent.Type.PRIORITY_CHANGED, WAIT).value();
        assertThat(changed.priority()).isEqualTo(Priority.URGENT);
        kafka.await(Topics.TICKET_EVENTS, TicketEvent.class, event -> event.ticketId().equals(handoff.ticketId())
                && event.type() == TicketEvent.Type.ASSIGNED && "agent2".equals(event.assigneeId()), WAIT);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void patchRejectsBadInput() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String id = handoff.ticketId();
        for (Object body : List.of(Map.of("status", "DONE", "version", 0), Map.of("priority", "P0", "version", 0),
                Map.of("color", "red", "version", 0), Map.of("version", 0), Map.of("tags", "vip", "version", 0),
                Map.of("tags", List.of("a b"), "version", 0), Map.of("status", "OPEN", "version", "zero"),
                List.of("OPEN"))) {
            given().contentType(ContentType.JSON).body(body)
                    .when().patch("/api/v1/tickets/{id}", id)
                    .then().statusCode(400).contentType(ContentType.JSON).body("error", notNullValue());
        }
        given().contentType(ContentType.JSON).header("If-Match", "yesterday").body(Map.of("status", "OPEN"))
                .when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{oops")
                .when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(400).body("error", equalTo("invalid_json"));
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void theLifecycleAllowsOnlyItsTransitions() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String id = handoff.ticketId();

        patchStatus(id, "SOLVED").then().statusCode(409).body("error", equalTo("invalid_transition"));
        patchStatus(id, "PENDING").then().statusCode(409);
        patchStatus(id, "OPEN").then().statusCode(200).body("status", equalTo("OPEN"));
        patchStatus(id, "PENDING").then().statusCode(200).body("status", equalTo("PENDING"));
        patchStatus(id, "SOLVED").then().statusCode(409);
        patchStatus(id, "OPEN").then().statusCode(200);
        patchStatus(id, "SOLVED").then().statusCode(200).body("status", equalTo("SOLVED"));
        patchStatus(id, "CLOSED").then().statusCode(200).body("status", equalTo("CLOSED"));
        patchStatus(id, "OPEN").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("text", "hello"))
                .when().post("/api/v1/tickets/{id}/replies", id)
                .then().statusCode(409).body("error", equalTo("ticket_closed"));

        List<String> statuses = kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        event -> event.ticketId().equals(id) && event.type() == TicketEvent.Type.STATUS_CHANGED, 10,
                        Duration.ofSeconds(5))
                .stream().map(received -> received.value().status().name()).toList();
        assertThat(statuses).containsExactly("OPEN", "PENDING", "OPEN", "SOLVED", "CLOSED");
        given().when().get("/api/v1/tickets/{id}/audit", id)
                .then().statusCode(200)
                .body("findAll { it.action == 'STATUS_CHANGED' }.actor", contains("agent1", "agent1", "agent1",
                        "agent1", "agent1"));
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void anAgentMayTakeOrReleaseATicketButNotGiveItAway() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String id = handoff.ticketId();
        given().contentType(ContentType.JSON).body(Map.of("assignee", "agent2", "version", version(id)))
                .when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(Map.of("assignee", "agent1", "version", version(id)))
                .when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(200).body("assignee", equalTo("agent1"));
        given().contentType(ContentType.JSON).body("{\"assignee\": null, \"version\": " + version(id) + "}")
                .when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(200).body("assignee", equalTo(null));
    }

    @Test
    @TestSecurity(user = "customer1", roles = "customer")
    void aTokenWithoutAnAgentRoleIsForbidden() {
        given().when().get("/api/v1/tickets")
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(Map.of("status", "ONLINE", "capacity", 1))
                .when().put("/api/v1/agents/me/presence")
                .then().statusCode(403);
    }

    private static Response patchStatus(String id, String status) {
        return given().contentType(ContentType.JSON).body(Map.of("status", status, "version", version(id)))
                .when().patch("/api/v1/tickets/{id}", id);
    }

    private static long version(String ticketId) {
        return Scenario.ticket(ticketId).version;
    }
}
