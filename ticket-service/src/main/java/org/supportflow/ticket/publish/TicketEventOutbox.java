package org.supportflow.ticket.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.json.EventJson;

import java.time.Instant;
import java.util.List;

/**
 * The {@code ticket_event_outbox} table: ticket events recorded with the change they describe, read back
 * in the order they were recorded, deleted once published.
 */
@ApplicationScoped
public class TicketEventOutbox {

    /** One relay at a time, across replicas: events go out in the order they were recorded. */
    static final long RELAY_LOCK = 0x7469636b65747301L;

    /** A recorded event: its position, its Kafka key and the event. */
    public record Pending(long seq, String key, TicketEvent event) {
    }

    private final EntityManager em;

    public TicketEventOutbox(EntityManager em) {
        this.em = em;
    }

    /** Records an event in the current transaction; must run inside one. */
    public void record(TicketEvent event, Instant now) {
        em.createNativeQuery("insert into ticket_event_outbox (event_key, event_json, created_at) values (?1, ?2, ?3)")
                .setParameter(1, event.key())
                .setParameter(2, EventJson.toJson(event))
                .setParameter(3, now)
                .executeUpdate();
    }

    /**
     * Takes the relay's turn for the current transaction: false when another relay (this replica's or
     * another's) holds it. Released when the transaction ends.
     */
    public boolean takeRelayTurn() {
        Object taken = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        return Boolean.TRUE.equals(taken);
    }

    /** The oldest recorded events, at most {@code limit}, oldest first. */
    public List<Pending> oldest(int limit) {
        List<?> rows = em.createNativeQuery(
                        "select seq, event_key, event_json from ticket_event_outbox order by seq limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            return new Pending(((Number) columns[0]).longValue(), (String) columns[1],
                    EventJson.fromJson((String) columns[2], TicketEvent.class));
        }).toList();
    }

    /**
     * Forgets these events (they were published). By their seq, not "up to": an older row still uncommitted
     * when they were read (another ticket's) must stay for the next turn.
     */
    public int delete(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("delete from ticket_event_outbox where seq in (:seqs)")
                .setParameter("seqs", seqs)
                .executeUpdate();
    }

    public long size() {
        return ((Number) em.createNativeQuery("select count(*) from ticket_event_outbox").getSingleResult())
                .longValue();
    }
}
