package org.supportflow.routing.queue;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueueEntryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    private static QueueEntry entry(String id, Priority priority, int secondsAfterT0) {
        return new QueueEntry(id, "demo-web", "m-" + id, priority, Set.of("ko"), T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void highestPriorityFirstThenLongestWaiting() {
        List<QueueEntry> entries = new ArrayList<>(List.of(
                entry("normal-early", Priority.NORMAL, 0),
                entry("high-late", Priority.HIGH, 30),
                entry("urgent-latest", Priority.URGENT, 60),
                entry("high-early", Priority.HIGH, 10),
                entry("low-earliest", Priority.LOW, -100)));

        entries.sort(QueueEntry.SERVICE_ORDER);

        assertThat(entries).extracting(QueueEntry::conversationId)
                .containsExactly("urgent-latest", "high-early", "high-late", "normal-early", "low-earliest");
    }
}
