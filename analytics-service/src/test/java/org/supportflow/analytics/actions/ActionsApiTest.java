package org.supportflow.analytics.actions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.TestTokens;
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
import static org.hamcrest.Matchers.notNullValue;

/**
 * The actions' figures over routed events with action steps published on the real broker into the real database,
 * in a channel of this run (other tests' messages cannot change them), worked out by hand below; who may read them
 * and the 400s.
 */
@QuarkusTest
class ActionsApiTest {

    private static final String DAY = "2026-07-14";
    private static final String RUN = Events.id().substring(0, 8);
    private static final String WEB = "act-web-" + RUN;
    private static final String OTHER = "act-other-" + RUN;
    private static final String PATH = "/api/v1/analytics/actions";
    private static final String ORDER = "order_status";
    private static final String REFUND = "refund_status";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @TestHTTPResource("/")
    URI base;

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + "Z");
    }

    private static String conv(String name) {
        return "act-" + RUN + "-" + name;
    }

    private static RoutedMessageEvent message(String channel, String conversation, String messageId, String time,
                                              ActionStep step) {
        RoutedMessageEvent plain = Events.routed(conv(conversation), channel, ChannelType.WEB, "cust-" + conversation,
                messageId, at(time), ORDER, 0.9, Route.BOT, null, "주문 조회 [ORDER]");
        return step == null ? plain : Events.withAction(plain, step);
    }

    private static void send(RoutedMessageEvent event) {
        kafka.send(Topics.CONVERSATION_ROUTED, event);
    }

    private static ActionStep call(String action, boolean completesForm, String outcome, int status, long millis) {
        return ActionStep.called(action, List.of("order_number"), completesForm,
                new ActionStep.Call(outcome, status, millis));
    }

    /**
     * In WEB, 10:00-11:00:
     * F1 a form completed: asked (attempt 0: starts), asked again (attempt 1), called ok 120 ms (completes it).
     * F2 a form abandoned: asked (starts), the customer asks for a person (abandoned, routed HUMAN).
     * F3 a form given up: asked (starts), asked again, gave up.
     * G  direct calls: status_404 80 ms, timeout 3000 ms (delivered twice: one fact), ok 200 ms; then an
     *    identity_required; then refund_status: circuit_open 0 ms and ok 100 ms; and a message without an action.
     * order_status: calls 4, outcomes ok 2, status_404 1, timeout 1, failures 1 (timeout; a 404 is no failure),
     *    failureRate 0.25, meanMillis (120 + 80 + 3000 + 200) / 4 = 850, p95 of [80, 120, 200, 3000]: rank
     *    3 * 0.95 = 2.85, 200 + 0.85 * 2800 = 2580; forms started 3, completed 1, abandoned 1, gaveUp 1,
     *    completionRate 1/3; identityRequired 1.
     * refund_status: calls 2, failures 1 (circuit_open), failureRate 0.5, mean 50, p95 0 + 0.95 * 100 = 95,
     *    no form (completionRate null).
     * Outside: WEB at 11:30 (after the range) and OTHER at 10:30, each an order_status call.
     */
    private static void publish() {
        send(message(WEB, "F1", "f1-1", "10:00:00", ActionStep.asked(ORDER, "order_number", 0)));
        send(message(WEB, "F1", "f1-2", "10:01:00", ActionStep.asked(ORDER, "order_number", 1)));
        send(message(WEB, "F1", "f1-3", "10:02:00", call(ORDER, true, "ok", 200, 120)));
        send(message(WEB, "F2", "f2-1", "10:05:00", ActionStep.asked(ORDER, "order_number", 0)));
        send(Events.withAction(Events.routed(conv("F2"), WEB, ChannelType.WEB, "cust-F2", "f2-2", at("10:06:00"),
                "human_agent", 0.95, Route.HUMAN, HandoffReason.REQUESTED, "상담원"), ActionStep.abandoned(ORDER)));
        send(message(WEB, "F3", "f3-1", "10:10:00", ActionStep.asked(ORDER, "order_number", 0)));
        send(message(WEB, "F3", "f3-2", "10:11:00", ActionStep.asked(ORDER, "order_number", 1)));
        send(message(WEB, "F3", "f3-3", "10:12:00", ActionStep.gaveUp(ORDER, "order_number")));
        send(message(WEB, "G", "g-1", "10:20:00", call(ORDER, false, "status_404", 404, 80)));
        RoutedMessageEvent timeout = message(WEB, "G", "g-2", "10:21:00", call(ORDER, false, "timeout", 0, 3000));
        send(timeout);
        send(timeout);
        send(message(WEB, "G", "g-3", "10:22:00", call(ORDER, false, "ok", 200, 200)));
        send(message(WEB, "G", "g-4", "10:23:00", ActionStep.identityRequired(ORDER)));
        send(message(WEB, "G", "g-5", "10:30:00", call(REFUND, false, "circuit_open", 0, 0)));
        send(message(WEB, "G", "g-6", "10:31:00", null));
        send(message(WEB, "G", "g-7", "11:30:00", call(ORDER, false, "ok", 200, 10)));
        send(message(OTHER, "O", "o-1", "10:30:00", call(ORDER, false, "ok", 200, 10)));
        // last of G's partition: once it is stored, so are the redelivery and the 11:30 call before it
        send(message(WEB, "G", "g-8", "10:40:00", call(REFUND, false, "ok", 200, 100)));
    }

    private static JsonPath actions(Map<String, String> query) {
        return given().queryParams(query).when().get(PATH).then().statusCode(200).extract().jsonPath();
    }

    /** A figure of one action; -1 while the action is not listed yet. */
    private static long figure(JsonPath report, String name, String path) {
        Object value = report.get("actions.find { it.action == '" + name + "' }." + path);
        return value == null ? -1 : ((Number) value).longValue();
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void callsFailuresLatencyAndFormsPerAction() {
        publish();
        Map<String, String> range = Map.of("from", DAY + "T10:00:00Z", "to", DAY + "T11:00:00Z", "channelId", WEB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = actions(range);
            assertThat(figure(report, REFUND, "calls")).isEqualTo(2);
            assertThat(figure(report, ORDER, "forms.started")).isEqualTo(3);
            // the other channel's call is stored too (so the filter below is what leaves it out)
            assertThat(figure(actions(Map.of("from", DAY + "T10:00:00Z", "to", DAY + "T11:00:00Z")), ORDER, "calls"))
                    .isGreaterThanOrEqualTo(5);
        });

        JsonPath report = actions(range);
        assertThat(report.getString("channelId")).isEqualTo(WEB);
        assertThat(report.getString("from")).isEqualTo(DAY + "T10:00:00Z");
        assertThat(report.getList("actions.action", String.class)).containsExactly(ORDER, REFUND);

        assertThat(report.getLong("actions[0].calls")).isEqualTo(4);
        assertThat(report.getMap("actions[0].outcomes", String.class, Integer.class))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ok", 2, "status_404", 1, "timeout", 1));
        assertThat(report.getLong("actions[0].failures")).isEqualTo(1);
        assertThat(report.getDouble("actions[0].failureRate")).isEqualTo(0.25);
        assertThat(report.getDouble("actions[0].meanMillis")).isEqualTo(850.0);
        assertThat(report.getDouble("actions[0].p95Millis")).isCloseTo(2580.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(List.of(report.getLong("actions[0].forms.started"), report.getLong("actions[0].forms.completed"),
                report.getLong("actions[0].forms.abandoned"), report.getLong("actions[0].forms.gaveUp")))
                .containsExactly(3L, 1L, 1L, 1L);
        assertThat(report.getDouble("actions[0].forms.completionRate"))
                .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(report.getLong("actions[0].identityRequired")).isEqualTo(1);

        assertThat(List.of(report.getLong("actions[1].calls"), report.getLong("actions[1].failures"),
                report.getLong("actions[1].identityRequired"))).containsExactly(2L, 1L, 0L);
        assertThat(report.getDouble("actions[1].failureRate")).isEqualTo(0.5);
        assertThat(report.getDouble("actions[1].meanMillis")).isEqualTo(50.0);
        assertThat(report.getDouble("actions[1].p95Millis")).isCloseTo(95.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(report.getMap("actions[1].outcomes", String.class, Integer.class))
                .containsExactlyInAnyOrderEntriesOf(Map.of("circuit_open", 1, "ok", 1));
        assertThat(List.of(report.getLong("actions[1].forms.started"), report.getLong("actions[1].forms.completed"),
                report.getLong("actions[1].forms.abandoned"), report.getLong("actions[1].forms.gaveUp")))
                .containsExactly(0L, 0L, 0L, 0L);
        assertThat(report.getMap("actions[1].forms")).containsKey("completionRate");
        assertThat(report.getObject("actions[1].forms.completionRate", Double.class)).isNull();

        // the 11:30 call belongs to the next hour
        JsonPath later = actions(Map.of("from", DAY + "T11:00:00Z", "to", DAY + "T12:00:00Z", "channelId", WEB));
        assertThat(later.getList("actions.action", String.class)).containsExactly(ORDER);
        assertThat(later.getLong("actions[0].calls")).isEqualTo(1);
        assertThat(later.getObject("actions[0].forms.completionRate", Double.class)).isNull();
        // a range without actions: an empty list
        assertThat(actions(Map.of("from", DAY + "T09:00:00Z", "to", DAY + "T10:00:00Z", "channelId", WEB))
                .getList("actions")).isEmpty();
    }

    @Test
    void withoutATokenIs401AndAnAgentIs403() {
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.token("agent1", "agent")).when().get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("admin1", "admin")).when().get(PATH).then().statusCode(200)
                .body("actions", notNullValue());
        // the dashboard's Actions table reads it (the page itself is checked in a browser by e2e-tests)
        given().when().get("/dashboard/js/main.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/analytics/actions?"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void badParametersAre400WithTheErrorBody() {
        for (Map<String, String> query : List.of(Map.of("from", "yesterday"), Map.of("channelId", "a b"),
                Map.of("from", "2026-03-02", "to", "2026-03-01"), Map.of("from", "2020-01-01", "to", "2026-01-01"))) {
            given().queryParams(query).when().get(PATH).then().statusCode(400)
                    .body("error", notNullValue()).body("message", notNullValue());
        }
        given().queryParams(Map.of("from", "2026-03-02", "to", "2026-03-01")).when().get(PATH).then()
                .body("error", org.hamcrest.Matchers.equalTo("invalid_range"));
        given().queryParams(Map.of("from", "2020-01-01", "to", "2026-01-01")).when().get(PATH).then()
                .body("error", org.hamcrest.Matchers.equalTo("range_too_large"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theEndpointKeepsTheErrorContractUnderFuzzing() {
        HttpFuzzer.against(base).run(Endpoint.of("GET", PATH).query("from", "to", "channelId"));
    }
}
