package org.supportflow.contracts.domain;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.events.DomainActivatedEvent.IntentPolicy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveIntentsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static DomainActivatedEvent domain(String name, Instant at, String... intents) {
        return new DomainActivatedEvent("e-" + name + at, 1, at, name, name + "-1", "m", Arrays.stream(intents)
                .map(i -> new IntentPolicy(i, "about " + i, "bot", null, List.of(), false, false, false)).toList(),
                Map.of(), null);
    }

    @Test
    void untilTheNluPublishesItsDomainAnyWellFormedNameIsAccepted() {
        ActiveIntents intents = new ActiveIntents();
        assertThat(intents.current().intents()).isEmpty();
        assertThat(intents.current().domain()).isNull();
        assertThat(intents.accepts("whatever_it_is")).isTrue();
        assertThat(intents.accepts("Not An Intent")).isFalse();
        assertThat(intents.accepts(null)).isFalse();
    }

    @Test
    void theActiveDomainsIntentsAreTheOnlyOnesAndAnOlderRecordChangesNothing() {
        ActiveIntents intents = new ActiveIntents();
        assertThat(intents.update(domain("telecom", T0.plusSeconds(10), "roaming", "human_agent", "out_of_scope")))
                .isTrue();
        assertThat(intents.update(domain("shop", T0, "order_status", "human_agent"))).as("older").isFalse();
        assertThat(intents.current().domain()).isEqualTo("telecom");
        assertThat(intents.current().version()).isEqualTo("telecom-1");
        assertThat(intents.current().intents()).extracting(ActiveIntents.IntentItem::name)
                .containsExactly("roaming", "human_agent", "out_of_scope");
        assertThat(intents.current().intents().get(0).description()).isEqualTo("about roaming");
        assertThat(intents.accepts("roaming")).isTrue();
        assertThat(intents.accepts("order_status")).isFalse();

        // A rollback to the shop is a newer record: its intents replace the telecom's.
        assertThat(intents.update(domain("shop", T0.plusSeconds(20), "order_status", "human_agent"))).isTrue();
        assertThat(intents.accepts("order_status")).isTrue();
        assertThat(intents.accepts("roaming")).isFalse();
    }

    @Test
    void aRecordWithoutATimeOrIntentsStillReplacesWhatWasKnown() {
        ActiveIntents intents = new ActiveIntents();
        intents.update(domain("telecom", T0, "roaming"));
        DomainActivatedEvent bare = new DomainActivatedEvent("e-bare", 1, null, "empty", "empty-1", "m", null,
                Map.of(), null);
        assertThat(intents.update(bare)).isTrue();
        assertThat(intents.current().domain()).isEqualTo("empty");
        assertThat(intents.current().intents()).isEmpty();
        assertThat(intents.accepts("roaming")).isFalse();
    }
}
