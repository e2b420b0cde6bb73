package org.supportflow.nlu.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ClassifyResourceTest {

    @Test
    void classifiesKorean() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"배송현황좀알려주세요 주문번호 2024112312345, 연락처 010-1234-5678\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200)
                .body("language", equalTo("ko"))
                .body("intent", equalTo("order_status"))
                .body("confidence", greaterThan(0.0f))
                .body("confidence", lessThanOrEqualTo(1.0f))
                .body("ranking", hasSize(5))
                .body("ranking[0].intent", equalTo("order_status"))
                .body("sentiment", notNullValue())
                .body("urgency", notNullValue())
                .body("entities.type", hasItem("order_number"))
                .body("entities.value", hasItem("[PHONE]"))
                .body("maskedText", containsString("[PHONE]"))
                .body("maskedText", not(containsString("010-1234-5678")))
                .body("answer", matchesPattern("(?s).*[가-힣].*"))
                .body("answerId", startsWith("order_status."))
                .body("quickReplies", notNullValue())
                .body("modelVersion", notNullValue());
    }

    @Test
    void classifiesEnglishWithSentimentAndUrgency() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"I was charged twice for my order, this is really annoying. Fix it ASAP!\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200)
                .body("language", equalTo("en"))
                .body("intent", equalTo("payment_issue"))
                .body("sentiment", equalTo("negative"))
                .body("sentimentScore", lessThanOrEqualTo(-0.2f))
                .body("urgency", equalTo("high"))
                .body("ranking.confidence", everyItem(lessThanOrEqualTo(1.0f)))
                .body("answer", not(matchesPattern("(?s).*[가-힣].*")));
    }

    @Test
    void refusesOutOfScope() {
        given().contentType(ContentType.JSON).body("{\"text\": \"내일 서울 날씨 어때?\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200).body("intent", equalTo("out_of_scope"));
    }

    @Test
    void rejectsEmptyOversizedAndMalformedRequests() {
        given().contentType(ContentType.JSON).body("{\"text\": \"   \"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("empty_text")).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("empty_text"));
        given().contentType(ContentType.JSON).body("{\"text\": \"" + "가".repeat(4001) + "\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("text_too_long"));
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\", \"language\": \"fr\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("unsupported_language"));
        given().contentType(ContentType.JSON).body("{\"text\": ")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
    }

    @Test
    void theMaximumLengthIsAccepted() {
        given().contentType(ContentType.JSON).body("{\"text\": \"" + "a".repeat(4000) + "\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200).body("intent", notNullValue());
    }
}
