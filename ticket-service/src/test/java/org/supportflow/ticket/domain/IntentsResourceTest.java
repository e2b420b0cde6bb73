package org.supportflow.ticket.domain;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.DomainActivatedEvent.IntentPolicy;
import org.supportflow.contracts.events.Topics;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        kafka.send(Topics.NLU_DOMAIN, shopDomain("order_status", "order_cancel",
                "refund_request", "return_exchange", "shipping_info", "delivery_problem", "payment_issue",
                "payment_methods", "coupon_promotion", "product_info", "price_inquiry", "account_login",
                "account_change", "business_hours", "complaint", "human_agent", "greeting", "thanks_goodbye",
                "feedback", "out_of_scope"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/intents").then()
                .statusCode(200).body("domain", org.hamcrest.Matchers.equalTo("shop"))
                .body("intents.name", hasItems("refund_request", "human_agent", "out_of_scope")));
    }

    private static DomainActivatedEvent shopDomain(String... intents) {
        return new DomainActivatedEvent("e-shop-" + Instant.now(), 1, Instant.now(), "shop", "shop-1", "m",
                Arrays.stream(intents).map(i -> new IntentPolicy(i, "about " + i, "bot", null, List.of(), false, false,
                        false)).toList(), Map.of(), null);
    }
}
