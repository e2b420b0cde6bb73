package org.supportflow.routing.testing;

import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.DomainActivatedEvent.IntentPolicy;
import org.supportflow.routing.domain.DomainPolicy;

import java.util.List;
import java.util.Map;

/** Domain policies as the NLU publishes them on nlu.domain (test data: routing's code names no such intent). */
public final class Domains {

    private Domains() {
    }

    private static IntentPolicy bot(String name) {
        return new IntentPolicy(name, "", "bot", null, List.of(), false, false, false);
    }

    private static IntentPolicy person(String name, String priority, String... skills) {
        return new IntentPolicy(name, "", "person", priority, List.of(skills), false, false, true);
    }

    /** The shop bundle's policy (what application.properties used to say). */
    public static DomainActivatedEvent shop() {
        return DomainActivatedEvent.of("shop", "test-shop", "m1", List.of(
                bot("order_status"),
                new IntentPolicy("order_cancel", "", "bot", null, List.of(), false, true, false),
                new IntentPolicy("refund_request", "", "bot", null, List.of(), true, true, false),
                bot("shipping_info"),
                person("delivery_problem", "NORMAL"),
                person("payment_issue", "HIGH", "billing"),
                person("complaint", "HIGH"),
                person("human_agent", "NORMAL"),
                new IntentPolicy("greeting", "", "bot", "LOW", List.of(), false, false, false),
                new IntentPolicy("thanks_goodbye", "", "bot", "LOW", List.of(), false, false, false),
                new IntentPolicy("feedback", "", "bot", "LOW", List.of(), false, false, false),
                bot("out_of_scope")),
                Map.of("ko", List.of("주문 조회", "배송 안내", "상담원 연결"), "en", List.of("Order status", "Talk to an agent")),
                null);
    }

    public static DomainPolicy shopPolicy() {
        return DomainPolicy.from(shop());
    }

    /** A telecom operator's policy. */
    public static DomainActivatedEvent telecom() {
        return DomainActivatedEvent.of("telecom", "test-telecom", "m2", List.of(
                bot("data_balance"),
                bot("roaming"),
                person("billing_dispute", "HIGH", "billing"),
                person("cancellation", "HIGH", "retention"),
                person("human_agent", null),
                bot("out_of_scope")),
                Map.of("ko", List.of("요금제 안내", "상담원 연결")), null);
    }
}
