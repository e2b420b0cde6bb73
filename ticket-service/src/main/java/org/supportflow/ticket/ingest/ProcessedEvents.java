package org.supportflow.ticket.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final AgroalDataSource dataSource;

    public ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time an event id is seen in a committed transaction; must run inside one. */
    public boolean firstTime(String eventId, String topic, Instant now) {
        if (eventId == null || eventId.isBlank()) {
            return true;
        }
        return firstTimeAll(List.of(eventId), topic, now).contains(eventId);
    }

    /**
     * {@link #firstTime} for a poll's events in one statement: the ids among {@code eventIds} not seen before,
     * each recorded (in id order, so that two polls holding some of the same events, a redelivery, wait for each
     * other rather than deadlock). Plain JDBC on the transaction-aware data source, so it joins the caller's
     * transaction.
     */
    public Set<String> firstTimeAll(Collection<String> eventIds, String topic, Instant now) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into processed_event (event_id, topic, processed_at)
                     select id, ?, ? from unnest(?::text[]) as t (id)
                     order by id
                     on conflict (event_id) do nothing
                     returning event_id""")) {
            insert.setString(1, topic);
            insert.setObject(2, Timestamptz.of(now));
            insert.setArray(3, SqlArrays.texts(connection, eventIds, id -> id));
            Set<String> inserted = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new DataAccessException("recording " + eventIds.size() + " events in the inbox failed", e);
        }
    }
}
