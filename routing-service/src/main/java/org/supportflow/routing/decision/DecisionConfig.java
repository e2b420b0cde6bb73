package org.supportflow.routing.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** {@code routing.decision.*}: when a message goes to a human. See {@link DecisionPolicy}. */
@ConfigMapping(prefix = "routing.decision")
public interface DecisionConfig {

    @WithDefault("0.5")
    double minConfidence();

    @WithDefault("0.1")
    double minMargin();

    @WithDefault("human_agent")
    Set<String> requestedIntents();

    @WithDefault("delivery_problem,payment_issue,complaint")
    Set<String> humanIntents();

    @WithDefault("refund_request")
    Set<String> disputableIntents();

    @WithDefault("out_of_scope")
    Set<String> refusalIntents();

    @WithDefault("delivery_problem,payment_issue,complaint,human_agent")
    Set<String> sensitiveIntents();

    @WithDefault("0.75")
    double strongNegativeThreshold();

    @WithDefault("true")
    boolean urgentToHuman();

    @WithDefault("2")
    int repeatedFallbackThreshold();

    Vip vip();

    interface Vip {
        @WithDefault("VIP")
        Set<String> tiers();

        @WithDefault("true")
        boolean negativeToHuman();

        @WithDefault("refund_request,order_cancel")
        Set<String> humanIntents();
    }
}
