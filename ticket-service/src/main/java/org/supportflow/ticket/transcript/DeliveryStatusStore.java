package org.supportflow.ticket.transcript;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each reply reached the customer ({@code delivery_status}, one row per reply; KakaoTalk: shown in the
 * answer, through a callback, the Event API, or held until the customer's next message), for the transcript.
 * Independent of the reply's own event, which may come later; the newest status wins, as statuses may arrive
 * out of order. A poll's statuses in one statement; plain JDBC on the transaction-aware
 * data source, so it joins the caller's transaction.
 */
@ApplicationScoped
public class DeliveryStatusStore {

    // A multi-row insert ... on conflict do update may not touch a row twice, hence one status per reply;
    // rows locked in key order, so that concurrent polls cannot deadlock on each other's replies.
    private static final String UPSERT = """
            insert into delivery_status (conversation_id, message_id, status, occurred_at)
            select conversation_id, message_id, status, occurred_at
            from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[])
                 as s (conversation_id, message_id, status, occurred_at)
            order by conversation_id, message_id
            on conflict (conversation_id, message_id) do update
            set status = excluded.status, occurred_at = excluded.occurred_at
            where delivery_status.occurred_at <= excluded.occurred_at""";

    private final AgroalDataSource dataSource;

    public DeliveryStatusStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Status(String conversationId, String messageId, String status, Instant occurredAt) {
    }

    /**
     * Records the statuses unless a newer one is known; an event without its time counts as {@code now}. Of
     * several statuses of one reply in the list the newest counts, the later one on a tie, as if recorded one
     * after the other.
     */
    public void recordAll(List<DeliveryStatusEvent> events, Instant now) {
        Map<List<String>, Status> newest = new LinkedHashMap<>();
        for (DeliveryStatusEvent event : events) {
            Status status = new Status(event.conversationId(), event.messageId(), event.status().name(),
                    event.occurredAt() != null ? event.occurredAt() : now);
            newest.merge(List.of(status.conversationId(), status.messageId()), status,
                    (known, later) -> later.occurredAt().isBefore(known.occurredAt()) ? known : later);
        }
        if (newest.isEmpty()) {
            return;
        }
        List<Status> rows = List.copyOf(newest.values());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(1, SqlArrays.texts(connection, rows, Status::conversationId));
            upsert.setArray(2, SqlArrays.texts(connection, rows, Status::messageId));
            upsert.setArray(3, SqlArrays.texts(connection, rows, Status::status));
            upsert.setArray(4, SqlArrays.instants(connection, rows, Status::occurredAt));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("recording " + rows.size() + " delivery statuses failed", e);
        }
    }

    /** The delivery status of each reply of the conversation that has one, by message id. */
    public Map<String, String> of(String conversationId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select message_id, status from delivery_status where conversation_id = ?")) {
            select.setString(1, conversationId);
            Map<String, String> statuses = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
            return statuses;
        } catch (SQLException e) {
            throw new DataAccessException("reading the delivery statuses of a conversation failed", e);
        }
    }
}
