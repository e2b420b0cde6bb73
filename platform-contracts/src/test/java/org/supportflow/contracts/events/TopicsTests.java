package org.supportflow.contracts.events;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTests {

    @Test
    void everyConsumedTopicExistsAndEveryConsumerHasItsOwnDeadLetterTopic() {
        Set<String> topics = new HashSet<>();
        Topics.ALL.forEach(spec -> topics.add(spec.name()));

        for (Topics.Subscription subscription : Topics.SUBSCRIPTIONS) {
            assertThat(topics).contains(subscription.topic());
        }
        List<String> deadLetters = Topics.SUBSCRIPTIONS.stream().map(Topics.Subscription::deadLetterTopic).toList();
        assertThat(deadLetters).doesNotHaveDuplicates();
        assertThat(deadLetters).contains("conversation.inbound.nlu-service.dlq", "conversation.outbound.gateway-service.dlq");
    }

    @Test
    void allTopicNamesListsMainAndDeadLetterTopicsOnce() {
        List<String> names = Topics.allTopicNames();

        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).hasSize(Topics.ALL.size() + Topics.SUBSCRIPTIONS.size());
        assertThat(names).contains(Topics.CONVERSATION_INBOUND, Topics.CUSTOMER_ERASURE,
                "ticket.events.routing-service.dlq");
    }

    @Test
    void contractTopicNamesAreExact() {
        assertThat(Topics.ALL).extracting(Topics.TopicSpec::name).containsExactly(
                "conversation.inbound", "conversation.classified", "conversation.routed", "conversation.outbound",
                "conversation.delivery", "ticket.events", "agent.presence", "agent.assignments", "nlu.feedback", "customer.erasure", "nlu.domain");
    }
}
