package org.supportflow.ticket.publish;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.ticket.common.RowsAtCommit;
import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code event_outbox} table: events recorded in the transaction of the change they describe (ticket
 * events, agents' replies, CSAT questions), read back in the order they were recorded, deleted once
 * published. A transaction's events are inserted together as it commits ({@link RowsAtCommit}), in the order
 * it recorded them.
 */
@ApplicationScoped
public class EventOutbox {

    /** One relay at a time, across replicas: events go out in the order they were recorded. */
    static final long RELAY_LOCK = 0x7469636b65747301L;

    /** The topics the outbox carries, with the event type each one holds. */
    static final Map<String, Class<? extends PlatformEvent>> TOPICS = Map.of(
            Topics.TICKET_EVENTS, TicketEvent.class,
            Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class);

    /** A recorded event: its position, its topic, its Kafka key and the event. */
    public record Pending(long seq, String topic, String key, PlatformEvent event) {
    }

    // the seq values follow the recording order: the rows are inserted in their ordinality's order
    private static final String INSERT = """
            insert into event_outbox (topic, event_key, event_json, created_at)
            select topic, event_key, event_json, created_at
            from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
                 as e (topic, event_key, event_json, created_at, n)
            order by n""";

    /** An event as its row, serialised when recorded. */
    private record Row(String topic, String key, String json, Instant createdAt) {
    }

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final RowsAtCommit atCommit;
    private final RowsAtCommit.Writer<Row> writer = this::insert;

    public EventOutbox(EntityManager em, AgroalDataSource dataSource, RowsAtCommit atCommit) {
        this.em = em;
        this.dataSource = dataSource;
        this.atCommit = atCommit;
    }

    /** Records an event for a topic in the current transaction, written as it commits; must run inside one. */
    public void record(String topic, PlatformEvent event, Instant now) {
        if (!TOPICS.containsKey(topic)) {
            throw new IllegalArgumentException("the outbox does not carry topic " + topic);
        }
        atCommit.add(writer, new Row(topic, event.key(), EventJson.toJson(event), now));
    }

    private void insert(List<Row> rows) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, SqlArrays.texts(connection, rows, Row::topic));
            insert.setArray(2, SqlArrays.texts(connection, rows, Row::key));
            insert.setArray(3, SqlArrays.texts(connection, rows, Row::json));
            insert.setArray(4, SqlArrays.instants(connection, rows, Row::createdAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("recording " + rows.size() + " events in the outbox failed", e);
        }
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
                        "select seq, topic, event_key, event_json from event_outbox order by seq limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            String topic = (String) columns[1];
            return new Pending(((Number) columns[0]).longValue(), topic, (String) columns[2],
                    EventJson.fromJson((String) columns[3], TOPICS.get(topic)));
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
        return em.createNativeQuery("delete from event_outbox where seq in (:seqs)")
                .setParameter("seqs", seqs)
                .executeUpdate();
    }

    public long size() {
        return ((Number) em.createNativeQuery("select count(*) from event_outbox").getSingleResult()).longValue();
    }
}
