package org.supportflow.benchmarks.load;

import java.util.BitSet;

/** What a {@link ConversationPlan} amounts to, as the driver prints it before the run. */
record PlanSummary(int messages, int customers, double koreanShare, int handoffs) {

    static PlanSummary of(ConversationPlan plan) {
        BitSet seen = new BitSet();
        for (int customer : plan.customer()) {
            seen.set(customer);
        }
        return new PlanSummary(plan.size(), seen.cardinality(),
                plan.size() == 0 ? 0 : plan.korean().cardinality() / (double) plan.size(), plan.handoff().cardinality());
    }

    double messagesPerCustomer() {
        return customers == 0 ? 0 : messages / (double) customers;
    }

    double handoffShare() {
        return messages == 0 ? 0 : handoffs / (double) messages;
    }
}
