package org.supportflow.routing.priority;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.routing.testing.Policies;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityRulesTest {

    private final PriorityRules rules = new PriorityRules(Policies.priority());

    @Test
    void intentsWithoutAnEntryGetTheDefault() {
        assertThat(rules.priorityOf(Nlu.intent("order_status").build(), null)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void intentBasePriorityComesFromConfiguration() {
        assertThat(rules.priorityOf(Nlu.intent("complaint").build(), null)).isEqualTo(Priority.HIGH);
        assertThat(rules.priorityOf(Nlu.intent("greeting").build(), null)).isEqualTo(Priority.LOW);
    }

    @Test
    void negativeRaisesALowIntentToTheNegativeFloor() {
        var nlu = Nlu.intent("feedback").sentiment(SentimentLabel.NEGATIVE, 0.4).build();

        assertThat(rules.priorityOf(nlu, null)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void anAngryCustomerIsAtLeastHigh() {
        var nlu = Nlu.intent("greeting").sentiment(SentimentLabel.NEGATIVE, 0.9).build();

        assertThat(rules.priorityOf(nlu, null)).isEqualTo(Priority.HIGH);
    }

    @Test
    void anUrgentMessageIsAtLeastHigh() {
        var nlu = Nlu.intent("order_status").urgency(Urgency.HIGH).build();

        assertThat(rules.priorityOf(nlu, null)).isEqualTo(Priority.HIGH);
    }

    @Test
    void angryAndUrgentIsUrgent() {
        var nlu = Nlu.intent("order_status").sentiment(SentimentLabel.NEGATIVE, 0.9).urgency(Urgency.HIGH).build();

        assertThat(rules.priorityOf(nlu, null)).isEqualTo(Priority.URGENT);
    }

    @Test
    void vipIsRaisedOneLevelAndCappedAtUrgent() {
        assertThat(rules.priorityOf(Nlu.intent("order_status").build(), "VIP")).isEqualTo(Priority.HIGH);
        assertThat(rules.priorityOf(Nlu.intent("complaint").build(), "vip")).isEqualTo(Priority.URGENT);
        var angryUrgent = Nlu.intent("complaint").sentiment(SentimentLabel.NEGATIVE, 0.9).urgency(Urgency.HIGH).build();
        assertThat(rules.priorityOf(angryUrgent, "VIP")).isEqualTo(Priority.URGENT);
    }

    @Test
    void floorsNeverLowerAHigherBase() {
        var nlu = Nlu.intent("complaint").sentiment(SentimentLabel.NEGATIVE, 0.3).build();

        assertThat(rules.priorityOf(nlu, null)).isEqualTo(Priority.HIGH);
    }

    @Test
    void raiseIsCapped() {
        assertThat(PriorityRules.raise(Priority.LOW, 2)).isEqualTo(Priority.HIGH);
        assertThat(PriorityRules.raise(Priority.HIGH, 5)).isEqualTo(Priority.URGENT);
        assertThat(PriorityRules.raise(Priority.NORMAL, 0)).isEqualTo(Priority.NORMAL);
    }
}
