package org.supportflow.ticket.domain;

import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.taxonomy.Intent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The intents of the active domain bundle, as the NLU publishes them on {@code nlu.domain}: what an agent may
 * correct a message to. Before any record arrived, any well-formed intent name is accepted (the NLU drops a
 * correction to an intent its domain does not have). Thread-safe; plain class.
 */
public final class ActiveIntents {

    /** One intent as the console lists it. */
    public record IntentItem(String name, String description) {
    }

    public record Snapshot(String domain, String version, Instant activatedAt, List<IntentItem> intents) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    /** @return whether the record was newer than what was known */
    public synchronized boolean update(DomainActivatedEvent event) {
        Snapshot before = current.get();
        if (before != null && event.occurredAt() != null && !event.occurredAt().isAfter(before.activatedAt())) {
            return false;
        }
        current.set(new Snapshot(event.domain(), event.domainVersion(), event.occurredAt(), event.intents().stream()
                .map(i -> new IntentItem(i.name(), i.description() == null ? "" : i.description())).toList()));
        return true;
    }

    public Snapshot current() {
        Snapshot snapshot = current.get();
        return snapshot != null ? snapshot : new Snapshot(null, null, null, List.of());
    }

    /** Whether an agent may correct a message to this intent. */
    public boolean accepts(String intent) {
        if (!Intent.isWellFormedName(intent)) {
            return false;
        }
        Snapshot snapshot = current.get();
        return snapshot == null || snapshot.intents().stream().anyMatch(i -> i.name().equals(intent));
    }
}
