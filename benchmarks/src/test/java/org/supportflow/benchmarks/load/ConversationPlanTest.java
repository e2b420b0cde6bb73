package org.supportflow.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationPlanTest {

    private static final int[] EVERYDAY = {596, 591};
    private static final int[] HANDOFF = {30, 25};

    /** The mix at 1,000 msg/s: 100,000 customers, 3 messages each on average, 3 s apart, half Korean, 1% handoff. */
    private static ConversationPlan plan(int messages, int population, long seed) {
        return ConversationPlan.of(messages,
                new ConversationPlan.Shape(population, 3, 3_000, 0.5, 0.01, EVERYDAY, HANDOFF), seed);
    }

    @Test
    void aLongRunReachesAHundredThousandDistinctCustomers() {
        PlanSummary summary = PlanSummary.of(plan(400_000, 100_000, 1));

        assertThat(summary.customers()).isEqualTo(100_000);
    }

    @Test
    void mixesLanguagesHalfAndHalfAndOnePercentAskForAPerson() {
        PlanSummary summary = PlanSummary.of(plan(200_000, 100_000, 2));

        assertThat(summary.koreanShare()).isBetween(0.48, 0.52);
        assertThat(summary.handoffShare()).isBetween(0.009, 0.011);
    }

    @Test
    void customersHoldConversationsOfSeveralMessagesAThinkTimeApart() {
        ConversationPlan plan = plan(60_000, 100_000, 3);
        Map<Integer, Integer> lastSlot = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        Map<Integer, Boolean> language = new HashMap<>();
        for (int slot = 0; slot < plan.size(); slot++) {
            int customer = plan.customer()[slot];
            Integer previous = lastSlot.put(customer, slot);
            if (previous != null) {
                // 3,000 slots ± 50% between two messages of a conversation; a handoff ends it
                assertThat(slot - previous).isGreaterThanOrEqualTo(1_500);
                assertThat(plan.handoff().get(previous)).as("message after a handoff").isFalse();
            }
            Boolean korean = language.putIfAbsent(customer, plan.korean().get(slot));
            assertThat(korean == null || korean == plan.korean().get(slot)).as("one language per customer").isTrue();
            counts.merge(customer, 1, Integer::sum);
        }
        long fromMultiMessage = counts.values().stream().filter(n -> n > 1).mapToLong(n -> n).sum();
        assertThat(fromMultiMessage).isGreaterThan(plan.size() / 2);
        assertThat(counts.values().stream().mapToInt(n -> n).max().orElseThrow()).isEqualTo(5);
        assertThat(PlanSummary.of(plan).messagesPerCustomer()).isBetween(2.0, 3.0);
    }

    @Test
    void textIndexesStayInsideTheirLanguagesPools() {
        ConversationPlan plan = plan(50_000, 100_000, 4);
        for (int slot = 0; slot < plan.size(); slot++) {
            int language = plan.korean().get(slot) ? 0 : 1;
            int bound = plan.handoff().get(slot) ? HANDOFF[language] : EVERYDAY[language];
            assertThat(plan.text()[slot]).isBetween(0, bound - 1);
        }
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        ConversationPlan first = plan(10_000, 100_000, 5);
        ConversationPlan again = plan(10_000, 100_000, 5);
        ConversationPlan other = plan(10_000, 100_000, 6);

        assertThat(again.customer()).isEqualTo(first.customer());
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.handoff()).isEqualTo(first.handoff());
        assertThat(other.customer()).isNotEqualTo(first.customer());
    }

    @Test
    void aSmallPopulationIsReusedForNewConversations() {
        ConversationPlan plan = ConversationPlan.of(1_000,
                new ConversationPlan.Shape(10, 1, 0, 0.5, 0, EVERYDAY, HANDOFF), 7);

        assertThat(PlanSummary.of(plan).customers()).isEqualTo(10);
        assertThat(List.of(plan.handoff().cardinality())).containsExactly(0);
    }
}
