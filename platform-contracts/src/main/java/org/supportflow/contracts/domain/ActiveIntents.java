package org.supportflow.contracts.domain;

import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.taxonomy.Intent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The intents of the active domain bundle, as the NLU publishes them on {@code nlu.domain}: the names a person
 * may give a message (an agent's intent correction in ticket-service, an operator's label in analytics). Before
 * any record arrived (a platform whose NLU has not published yet), any well-formed intent name is accepted and
 * the list is empty: the NLU itself drops a correction to an intent its domain does not have. Thread-safe.
 */
public final class ActiveIntents {

    /** One intent as the console and the dashboard list it. */
    public record IntentItem(String name, String description) {
    }

    /** {@code domain}, {@code version} and {@code activatedAt} are null while nothing is known. */
    public record Snapshot(String domain, String version, Instant activatedAt, List<IntentItem> intents) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    /** @return whether the record was newer than what was known (older ones, e.g. replayed, are ignored) */
    public synchronized boolean update(DomainActivatedEvent event) {
        Snapshot before = current.get();
        if (before != null && event.occurredAt() != null && before.activatedAt() != null
                && !event.occurredAt().isAfter(before.activatedAt())) {
            return false;
        }
        List<IntentItem> intents = event.intents().stream()
                .map(i -> new IntentItem(i.name(), i.description() == null ? "" : i.description())).toList();
        current.set(new Snapshot(event.domain(), event.domainVersion(), event.occurredAt(), intents));
        return true;
    }

    public Snapshot current() {
        Snapshot snapshot = current.get();
        return snapshot != null ? snapshot : new Snapshot(null, null, null, List.of());
    }

    /** Whether a message may be given this intent. */
    public boolean accepts(String intent) {
        if (intent == null || !Intent.isWellFormedName(intent)) {
            return false;
        }
        Snapshot snapshot = current.get();
        return snapshot == null || snapshot.intents().stream().anyMatch(i -> i.name().equals(intent));
    }
}
