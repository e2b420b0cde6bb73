package org.supportflow.ticket.domain;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.DomainActivatedEvent.IntentPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveIntentsTest {

    static DomainActivatedEvent domain(String name, Instant at, String... intents) {
        return new DomainActivatedEvent("e-" + name + at, 1, at, name, name + "-1", "m", java.util.Arrays.stream(intents)
                .map(i -> new IntentPolicy(i, "about " + i, "bot", null, List.of(), false, false, false)).toList(),
                Map.of(), null);
    }

    @Test
    void beforeAnyDomainAnyWellFormedNameIsAccepted() {
        ActiveIntents intents = new ActiveIntents();
        assertThat(intents.accepts("anything_at_all")).isTrue();
        assertThat(intents.accepts("Not An Intent")).isFalse();
        assertThat(intents.current().intents()).isEmpty();
    }

    @Test
    void theActiveDomainsIntentsAreTheOnlyOnesAndTheNewestRecordWins() {
        ActiveIntents intents = new ActiveIntents();
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(intents.update(domain("telecom", t0.plusSeconds(10), "roaming", "cancellation", "human_agent",
                "out_of_scope"))).isTrue();
        assertThat(intents.update(domain("shop", t0, "order_status", "human_agent"))).as("older").isFalse();

        assertThat(intents.current().domain()).isEqualTo("telecom");
        assertThat(intents.current().intents()).extracting(ActiveIntents.IntentItem::name)
                .containsExactly("roaming", "cancellation", "human_agent", "out_of_scope");
        assertThat(intents.accepts("roaming")).isTrue();
        assertThat(intents.accepts("order_status")).isFalse();
    }
}
