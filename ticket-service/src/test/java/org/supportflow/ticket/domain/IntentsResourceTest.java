package org.supportflow.ticket.domain;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.Topics;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

/** The console's intents come from the domain the NLU publishes on nlu.domain. */
@QuarkusTest
@TestSecurity(user = "agent1", roles = "agent")
class IntentsResourceTest {

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    void listsTheActiveDomainsIntents() {
        // the shop's intents, so that the other tests' corrections stay valid in this application
        kafka.send(Topics.NLU_DOMAIN, ActiveIntentsTest.domain("shop", Instant.now(), "order_status", "order_cancel",
                "refund_request", "return_exchange", "shipping_info", "delivery_problem", "payment_issue",
                "payment_methods", "coupon_promotion", "product_info", "price_inquiry", "account_login",
                "account_change", "business_hours", "complaint", "human_agent", "greeting", "thanks_goodbye",
                "feedback", "out_of_scope"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/intents").then()
                .statusCode(200).body("domain", org.hamcrest.Matchers.equalTo("shop"))
                .body("intents.name", hasItems("refund_request", "human_agent", "out_of_scope")));
    }
}
