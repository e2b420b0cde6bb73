package org.supportflow.analytics.dashboard;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's API over events published on the real broker into the real database: the time series per hour
 * with and without a channel filter (figures worked out by hand below), the unrecognized messages and their labels,
 * who may do what, the 400s, and a bounded fuzz run.
 */
@QuarkusTest
class DashboardApiTest {

    private static final String DAY = "2026-05-11";
    private static final String RUN = Events.id().substring(0, 8);
    private static final String WEB = "dash-web-" + RUN;
    private static final String KAKAO = "dash-kakao-" + RUN;
    private static final String SERIES = "/api/v1/analytics/timeseries";
    private static final String UNRECOGNIZED = "/api/v1/analytics/unrecognized";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @TestHTTPResource("/")
    URI base;

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + "Z");
    }

    private static String conv(String name) {
        return "dash-" + RUN + "-" + name;
    }

    /**
     * 10:xx  A (web): order_status answered by the bot, then thanks -> involved, answered, deflected, resolved.
     *        B (web): an out_of_scope message (bot fallback), then asks for a person -> involved, not answered,
     *                 handed off (requested); ticket: created 10:06, agent reply 10:08 (120 s), CSAT 4 at 10:30.
     * 11:xx  nothing.
     * 12:xx  C (kakao): low-confidence message (bot fallback) only -> involved, not answered, deflected.
     *        D (kakao): complaint straight to a human (intent_policy) -> not involved, handed off.
     * E (web) started at 09:50, before the range: its 10:10 message counts, the conversation is not new in it.
     */
    private static void publishDay() {
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("A"), WEB, ChannelType.WEB, "cust-a", "a1",
                at("10:00:00"), "order_status", 0.92, Route.BOT, null, "주문 어디쯤 왔나요"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("A"), WEB, ChannelType.WEB, "cust-a", "a2",
                at("10:02:00"), "thanks_goodbye", 0.9, Route.BOT, null, "감사합니다"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("B"), WEB, ChannelType.WEB, "cust-b", "b1",
                at("10:05:00"), "out_of_scope", 0.2, Route.BOT, null, "블라블라 [EMAIL] 어쩌구"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("B"), WEB, ChannelType.WEB, "cust-b", "b2",
                at("10:06:00"), "human_agent", 0.95, Route.HUMAN, HandoffReason.REQUESTED, "상담원 연결"));
        String ticket = conv("tB");
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conv("B"), WEB, ticket, TicketEvent.Type.CREATED,
                at("10:06:00")));
        kafka.send(Topics.TICKET_EVENTS, Events.ticket(conv("B"), WEB, ticket, TicketEvent.Type.AGENT_REPLIED,
                at("10:08:00")));
        kafka.send(Topics.TICKET_EVENTS, Events.csat(conv("B"), WEB, ticket, at("10:30:00"), 4));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("E"), WEB, ChannelType.WEB, "cust-e", "e1",
                at("09:50:00"), "greeting", 0.97, Route.BOT, null, "안녕하세요"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("E"), WEB, ChannelType.WEB, "cust-e", "e2",
                at("10:10:00"), "shipping_info", 0.9, Route.BOT, null, "배송비 얼마예요"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("C"), KAKAO, ChannelType.KAKAO, "cust-c", "c1",
                at("12:10:00"), "product_info", 0.3, Route.BOT, null, "그 뭐시기 있잖아요"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conv("D"), KAKAO, ChannelType.KAKAO, "cust-d", "d1",
                at("12:20:00"), "complaint", 0.88, Route.HUMAN, HandoffReason.INTENT_POLICY, "정말 화가 나네요"));
    }

    private static JsonPath series(Map<String, String> query) {
        return given().queryParams(query).when().get(SERIES).then().statusCode(200).extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theSeriesOfADayPerHourAndPerChannel() {
        publishDay();
        Map<String, String> range = Map.of("from", DAY + "T10:00:00Z", "to", DAY + "T13:00:00Z");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath all = series(range);
            assertThat(all.getLong("totals.messages")).isEqualTo(7);
            assertThat(all.getLong("totals.csatResponses")).isEqualTo(1);
        });
        JsonPath all = series(range);
        assertThat(all.getString("bucket")).isEqualTo("hour");
        assertThat(all.getList("points.start", String.class)).containsExactly(
                DAY + "T10:00:00Z", DAY + "T11:00:00Z", DAY + "T12:00:00Z");
        assertThat(all.getList("points.conversations", Long.class)).containsExactly(2L, 0L, 2L);
        assertThat(all.getList("points.messages", Long.class)).containsExactly(5L, 0L, 2L);
        assertThat(all.getList("channels", String.class)).contains(WEB, KAKAO);
        // involved A, B, C of 4; answered A; deflected A, C; resolved A
        assertThat(all.getLong("totals.conversations")).isEqualTo(4);
        assertThat(all.getDouble("totals.involvementRate")).isEqualTo(0.75);
        assertThat(all.getDouble("totals.answerRate")).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(all.getDouble("totals.deflectionRate")).isEqualTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(all.getDouble("totals.automationRate")).isEqualTo(0.25);
        assertThat(all.getLong("totals.handedOffConversations")).isEqualTo(2);
        // B's out_of_scope and C's low confidence
        assertThat(all.getLong("totals.unrecognized")).isEqualTo(2);
        assertThat(all.getLong("points[0].handoffReasons.requested")).isEqualTo(1);
        assertThat(all.getLong("points[2].handoffReasons.intent_policy")).isEqualTo(1);
        assertThat(all.getDouble("points[0].firstResponseSecondsP50")).isEqualTo(120.0);
        assertThat(all.getObject("points[1].firstResponseSecondsP50", Double.class)).isNull();
        assertThat(all.getDouble("totals.csatAverage")).isEqualTo(4.0);
        assertThat(all.getString("csatByChannel[0].channelId")).isEqualTo(WEB);
        assertThat(all.getList("topIntents.intent", String.class)).hasSize(5).contains("order_status");

        JsonPath kakao = series(Map.of("from", DAY + "T10:00:00Z", "to", DAY + "T13:00:00Z", "channelId", KAKAO));
        assertThat(kakao.getList("points.conversations", Long.class)).containsExactly(0L, 0L, 2L);
        assertThat(kakao.getDouble("totals.involvementRate")).isEqualTo(0.5);
        assertThat(kakao.getDouble("totals.automationRate")).isEqualTo(0.0);
        assertThat(kakao.getLong("totals.csatResponses")).isZero();
        assertThat(kakao.getString("channelId")).isEqualTo(KAKAO);

        JsonPath daily = series(Map.of("from", DAY, "to", DAY, "bucket", "day"));
        assertThat(daily.getList("points.start", String.class)).containsExactly(DAY + "T00:00:00Z");
        assertThat(daily.getLong("points[0].conversations")).isGreaterThanOrEqualTo(4);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void anUnrecognizedMessageIsLabelledForTraining() {
        String conversation = conv("L");
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conversation, WEB, ChannelType.WEB, "cust-l", "l1",
                at("15:00:00"), "out_of_scope", 0.1, Route.BOT, null, "포인트 [PHONE] 로 옮겨줘요"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.routed(conversation, WEB, ChannelType.WEB, "cust-l", "l2",
                at("15:01:00"), "greeting", 0.99, Route.BOT, null, "안녕하세요"));
        Map<String, String> range = Map.of("from", DAY + "T15:00:00Z", "to", DAY + "T16:00:00Z", "channelId", WEB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().queryParams(range)
                .when().get(UNRECOGNIZED).then().statusCode(200).extract().jsonPath()
                .getList("messages.maskedText", String.class)).containsExactly("포인트 [PHONE] 로 옮겨줘요"));
        String id = given().queryParams(range).when().get(UNRECOGNIZED).then().extract().path("messages[0].id");

        Instant before = Instant.now();
        given().contentType("application/json").body(Map.of("intent", "coupon_promotion"))
                .when().put(UNRECOGNIZED + "/" + id + "/label").then().statusCode(204);
        given().queryParams(range).when().get(UNRECOGNIZED).then().statusCode(200)
                .body("messages[0].label.intent", org.hamcrest.Matchers.equalTo("coupon_promotion"))
                .body("messages[0].label.labeledBy", org.hamcrest.Matchers.equalTo("supervisor1"));
        List<Map<String, Object>> labels = given().queryParam("since", before.minusSeconds(1).toString())
                .when().get(UNRECOGNIZED + "/labels").then().statusCode(200).extract().jsonPath().getList("labels");
        assertThat(labels).anySatisfy(label -> {
            assertThat(label).containsEntry("id", id).containsEntry("intent", "coupon_promotion")
                    .containsEntry("maskedText", "포인트 [PHONE] 로 옮겨줘요").containsEntry("labeledBy", "supervisor1");
            assertThat(Instant.parse((String) label.get("labeledAt"))).isAfterOrEqualTo(before.minusSeconds(1));
        });

        // A label replaces the earlier one; not an intent: 400; an understood or unknown message: 404.
        given().contentType("application/json").body(Map.of("intent", "refund_request"))
                .when().put(UNRECOGNIZED + "/" + id + "/label").then().statusCode(204);
        given().queryParams(range).when().get(UNRECOGNIZED).then()
                .body("messages[0].label.intent", org.hamcrest.Matchers.equalTo("refund_request"));
        // Both labels reach the NLU's training side as feedback events (nlu.feedback), each once, with the masked
        // text only; the same label given again is the same event id (the NLU stores an event id once).
        given().contentType("application/json").body(Map.of("intent", "refund_request"))
                .when().put(UNRECOGNIZED + "/" + id + "/label").then().statusCode(204);
        List<NluFeedbackEvent> sent = kafka.collect(Topics.NLU_FEEDBACK, NluFeedbackEvent.class,
                event -> conversation.equals(event.conversationId()), 10, Duration.ofSeconds(15))
                .stream().map(KafkaTestClient.Received::value).toList();
        assertThat(sent.stream().map(NluFeedbackEvent::correctedIntent).distinct())
                .containsExactlyInAnyOrder("coupon_promotion", "refund_request");
        assertThat(sent.stream().map(NluFeedbackEvent::eventId).distinct()).hasSize(2);
        assertThat(sent).allSatisfy(event -> {
            assertThat(event.maskedText()).isEqualTo("포인트 [PHONE] 로 옮겨줘요");
            assertThat(event.messageId()).isEqualTo("l1");
            assertThat(event.predictedIntent()).isEqualTo("out_of_scope");
            assertThat(event.agentId()).isEqualTo("supervisor1");
            assertThat(event.eventId()).isEqualTo(
                    org.supportflow.analytics.labels.LabelFeedback.feedbackId(id, event.correctedIntent()));
        });

        given().contentType("application/json").body(Map.of("intent", "Not An Intent!"))
                .when().put(UNRECOGNIZED + "/" + id + "/label").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_intent"));
        given().contentType("application/json").body("{}")
                .when().put(UNRECOGNIZED + "/" + id + "/label").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.notNullValue());
        given().contentType("application/json").body(Map.of("intent", "greeting"))
                .when().put(UNRECOGNIZED + "/no-such-message/label").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void agentsAreRefused() {
        given().when().get(SERIES).then().statusCode(403);
        given().when().get(UNRECOGNIZED).then().statusCode(403);
        given().when().get(UNRECOGNIZED + "/labels").then().statusCode(403);
        given().contentType("application/json").body(Map.of("intent", "greeting"))
                .when().put(UNRECOGNIZED + "/x/label").then().statusCode(403);
    }

    @Test
    void withoutATokenOnlyThePageAndItsSettingsAreServed() {
        given().when().get(SERIES).then().statusCode(401);
        given().when().get("/dashboard/config.json").then().statusCode(200)
                .body("clientId", org.hamcrest.Matchers.equalTo("support-dashboard"));
        given().when().get("/dashboard/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"));
        // Sign-in, API and DOM helpers: platform-web's, shared with the agent console.
        given().when().get("/shared/js/auth.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("S256"));
        given().when().get("/shared/js/session.js").then().statusCode(200);
        given().when().get("/dashboard/js/main.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("basePath: '/dashboard/'"));
        given().when().get("/webjars/chart.js/4.4.7/dist/chart.umd.js").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void badParametersAre400WithTheErrorBody() {
        for (Map<String, String> query : List.of(Map.of("bucket", "week"), Map.of("channelId", "a b"),
                Map.of("from", "yesterday"), Map.of("top", "0"),
                Map.of("from", "2026-01-01", "to", "2026-03-01", "bucket", "hour"))) {
            given().queryParams(query).when().get(SERIES).then().statusCode(400)
                    .body("error", org.hamcrest.Matchers.notNullValue())
                    .body("message", org.hamcrest.Matchers.notNullValue());
        }
        given().queryParam("limit", "100000").when().get(UNRECOGNIZED).then().statusCode(400);
        given().queryParam("since", "soon").when().get(UNRECOGNIZED + "/labels").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theEndpointsKeepTheErrorContractUnderFuzzing() {
        HttpFuzzer.against(base).run(Endpoint.of("GET", SERIES).query("from", "to", "bucket", "channelId", "top"));
        HttpFuzzer.against(base).run(Endpoint.of("GET", UNRECOGNIZED).query("from", "to", "channelId", "limit"));
        HttpFuzzer.against(base).run(Endpoint.of("GET", UNRECOGNIZED + "/labels").query("since", "limit"));
        HttpFuzzer.against(base).run(Endpoint.of("PUT", UNRECOGNIZED + "/{id}/label").path("id", "x")
                .body("{\"intent\":\"greeting\"}"));
    }
}
