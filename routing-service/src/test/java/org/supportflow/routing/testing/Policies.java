package org.supportflow.routing.testing;

import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.decision.DecisionPolicy;
import org.supportflow.routing.priority.PriorityPolicy;

import java.util.Map;
import java.util.Set;

/** The shipped defaults (application.properties) as plain policies, for unit tests. */
public final class Policies {

    private Policies() {
    }

    public static DecisionPolicy decision() {
        return new DecisionPolicy(0.5, 0.1, Set.of("human_agent"),
                Set.of("delivery_problem", "payment_issue", "complaint"), Set.of("refund_request"),
                Set.of("out_of_scope"), Set.of("delivery_problem", "payment_issue", "complaint", "human_agent"),
                0.75, true, 2, Set.of("VIP"), true, Set.of("refund_request", "order_cancel"));
    }

    public static PriorityPolicy priority() {
        return new PriorityPolicy(Priority.NORMAL,
                Map.of("complaint", Priority.HIGH, "payment_issue", Priority.HIGH, "greeting", Priority.LOW,
                        "feedback", Priority.LOW),
                Priority.NORMAL, Priority.HIGH, Priority.HIGH, Priority.URGENT, Set.of("VIP"), 1, 0.75);
    }
}
