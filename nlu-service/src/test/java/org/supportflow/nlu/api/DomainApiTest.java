package org.supportflow.nlu.api;

import org.supportflow.nlu.domain.BundleFiles;
import org.supportflow.nlu.domain.DomainBundle;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The admin API end to end inside the service: a broken bundle is refused with its file and line, the telecom
 * bundle trains as a job with a report next to the active model's, is promoted (published on nlu.domain, the
 * classifier answers telecom questions, shop intents are gone), a bundle below its floor is refused, and a
 * rollback brings the shop back.
 */
@QuarkusTest
class DomainApiTest {

    private static final String ADMIN = TestTokens.token("admin1", "admin");
    private static final String BASE = "/api/v1/nlu/domains";

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    static Map<String, String> telecomFiles() {
        return BundleFiles.fromClasspath("domains/telecom", DomainBundle.fileNames(List.of("ko", "en"))).all()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new String(e.getValue(), StandardCharsets.UTF_8), (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, Object> classify(String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/v1/nlu/classify").then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static Response awaitJob(String id) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = given().auth().oauth2(ADMIN).get(BASE + "/jobs/" + id).then().statusCode(200)
                    .extract().path("status");
            return !List.of("QUEUED", "TRAINING", "EVALUATING").contains(status);
        });
        return given().auth().oauth2(ADMIN).get(BASE + "/jobs/" + id);
    }

    @Test
    void switchesToTheTelecomBundleAndBack() {
        given().auth().oauth2(ADMIN).get(BASE + "/active").then().statusCode(200)
                .body("domain", equalTo("shop")).body("intents.name", hasItem("order_status"));
        Instant start = Instant.now();
        try {
            // a broken bundle: validated with file and line, refused for training
            Map<String, String> broken = telecomFiles();
            broken.put("train-ko.tsv", broken.get("train-ko.tsv") + "요금제 바꿔주세요 탭이 없어요\n");
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("files", broken))
                    .post(BASE + "/validate").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("errors[0].file", equalTo("train-ko.tsv"))
                    .body("errors[0].line", equalTo(341));
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("files", broken))
                    .post(BASE + "/jobs").then().statusCode(422).contentType(ContentType.JSON)
                    .body("error", equalTo("invalid_bundle"))
                    .body("message", containsString("train-ko.tsv:341: expected <intent><TAB><text>"));

            // a bundle below its own floor: trained, refused with the reason, cannot be promoted
            Map<String, String> mislabelled = telecomFiles();
            mislabelled.put("heldout-en.tsv", mislabelled.get("heldout-en.tsv")
                    .replaceAll("(?m)^(plan_change|data_balance|roaming|bill_inquiry)\t", "greeting\t"));
            String refused = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("files", mislabelled)).post(BASE + "/jobs").then().statusCode(202)
                    .extract().path("id");
            awaitJob(refused).then().statusCode(200).body("status", equalTo("REFUSED"))
                    .body("reason", containsString("below the bundle's floor 0.8: en"));
            given().auth().oauth2(ADMIN).post(BASE + "/jobs/" + refused + "/promote").then().statusCode(409)
                    .body("error", equalTo("not_promotable"));
            assertThat(classify("배송비가 얼마예요?").get("intent")).isEqualTo("shipping_info");

            // the telecom bundle, uploaded as a zip: trained with a report next to the shop's, promoted
            byte[] zip = BundleFiles.fromClasspath("domains/telecom", DomainBundle.fileNames(List.of("ko", "en")))
                    .toZip();
            String job = given().auth().oauth2(ADMIN).contentType("application/zip").body(zip)
                    .post(BASE + "/jobs").then().statusCode(202).body("domain", equalTo("telecom"))
                    .extract().path("id");
            Response report = awaitJob(job);
            report.then().statusCode(200).body("status", equalTo("PASSED")).body("progress", equalTo(100))
                    .body("activeDomain", containsString("shop"))
                    .body("report.intents.intent", hasItem("roaming"))
                    .body("activeReport.intents.intent", hasItem("order_status"));
            assertThat(report.jsonPath().getDouble("report.languages.ko.accuracy")).isGreaterThanOrEqualTo(0.8);
            assertThat(report.jsonPath().getDouble("report.refusals.outOfScopeRecall")).isBetween(0.0, 1.0);

            given().auth().oauth2(ADMIN).post(BASE + "/jobs/" + job + "/promote").then().statusCode(200)
                    .body("domain", equalTo("telecom"));
            given().auth().oauth2(ADMIN).get(BASE + "/active").then().statusCode(200)
                    .body("domain", equalTo("telecom")).body("intents.name", hasItem("cancellation"));
            KafkaTestClient.Received<DomainActivatedEvent> published = kafka.await(Topics.NLU_DOMAIN,
                    DomainActivatedEvent.class, e -> "telecom".equals(e.domain()) && e.occurredAt().isAfter(start),
                    Duration.ofSeconds(30));
            assertThat(published.key()).isEqualTo(DomainActivatedEvent.KEY);
            assertThat(published.value().intents()).filteredOn(p -> p.name().equals("cancellation")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.toPerson()).isTrue();
                        assertThat(p.skills()).containsExactly("retention");
                        assertThat(p.priority()).isEqualTo("HIGH");
                    });

            Map<String, Object> data = classify("데이터 얼마나 남았는지 확인하고 싶어요");
            assertThat(data.get("intent")).isEqualTo("data_balance");
            assertThat(data.get("answer").toString()).contains("*114#");
            assertThat(classify("배송비가 얼마예요?").get("intent")).isEqualTo("out_of_scope");
            assertThat(classify("계약번호 SF-12345678 해지하고 싶어요").get("entities").toString())
                    .contains("contract_number", "SF-12345678");
        } finally {
            given().auth().oauth2(ADMIN).post(BASE + "/rollback").then().statusCode(200)
                    .body("domain", equalTo("shop"));
        }
        given().auth().oauth2(ADMIN).get(BASE + "/active").then().statusCode(200).body("domain", equalTo("shop"));
        assertThat(classify("배송비가 얼마예요?").get("intent")).isEqualTo("shipping_info");
        given().auth().oauth2(ADMIN).post(BASE + "/rollback").then().statusCode(409)
                .body("error", equalTo("nothing_to_roll_back"));
    }

    @Test
    void onlyAdminsChangeTheDomain() {
        given().get(BASE + "/active").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("supervisor1", "supervisor")).get(BASE + "/active").then()
                .statusCode(200);
        String agent = TestTokens.token("agent1", "agent");
        given().auth().oauth2(agent).get(BASE + "/active").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("supervisor1", "supervisor")).post(BASE + "/rollback").then()
                .statusCode(403).body("error", equalTo("forbidden"));
        given().auth().oauth2(ADMIN).get(BASE + "/jobs/not-a-job").then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth().oauth2(ADMIN).contentType("application/zip").body("no zip".getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/validate").then().statusCode(422).body("error", equalTo("invalid_bundle"));
    }
}
