package org.supportflow.ticket.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inbox of applied event ids: an event's effects and its id commit together, so a redelivered event
 * (consumer restart, rebalance, producer retry) is recognised and skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** True the first time an event id is seen in a committed transaction; must run inside one. */
    public boolean firstTime(String eventId, String topic, Instant now) {
        if (eventId == null || eventId.isBlank()) {
            return true;
        }
        int inserted = em.createNativeQuery("""
                        insert into processed_event (event_id, topic, processed_at) values (?1, ?2, ?3)
                        on conflict (event_id) do nothing""")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .setParameter(3, now)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * {@link #firstTime} for a poll's events in one statement: the ids among {@code eventIds} not seen before,
     * each recorded. Must run inside the transaction that applies them.
     */
    public Set<String> firstTimeAll(Collection<String> eventIds, String topic, Instant now) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> inserted = em.createNativeQuery("""
                        insert into processed_event (event_id, topic, processed_at)
                        select id, ?2, ?3 from unnest(cast(?1 as text[])) as t(id)
                        on conflict (event_id) do nothing
                        returning event_id""", String.class)
                .setParameter(1, eventIds.toArray(String[]::new))
                .setParameter(2, topic)
                .setParameter(3, now)
                .getResultList();
        return new HashSet<>(inserted);
    }
}
