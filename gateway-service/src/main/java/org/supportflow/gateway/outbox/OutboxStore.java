package org.supportflow.gateway.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.dedup.MessageKey;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outbox side of {@code inbound_message}: the {@code event} column holds the pending event's JSON until
 * Kafka acknowledged it; then {@code published_at} is set and the event (which carries the customer's text)
 * is dropped.
 */
@ApplicationScoped
public class OutboxStore {

    private final AgroalDataSource dataSource;

    public OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Marks events as published and drops their payloads; returns how many rows changed. */
    public int markPublished(Collection<MessageKey> keys, Instant at) {
        if (keys.isEmpty()) {
            return 0;
        }
        String sql = """
                UPDATE inbound_message m SET published_at = ?, event = NULL
                  FROM unnest(?::text[], ?::text[]) AS k(channel_id, message_id)
                 WHERE m.channel_id = k.channel_id AND m.message_id = k.message_id AND m.published_at IS NULL""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(at));
            statement.setArray(2, SqlArrays.texts(connection, keys, MessageKey::channelId));
            statement.setArray(3, SqlArrays.texts(connection, keys, MessageKey::messageId));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking published events failed", e);
        }
    }

    /** One outbox sweep at a time, across replicas: a conversation's messages go out in the order accepted. */
    static final long SWEEP_LOCK = 0x6761746577617901L;

    /**
     * Takes the sweep's turn for the current transaction: false when another sweep (another replica's) holds it.
     * Released when the transaction ends. Must run inside a transaction.
     */
    public boolean takeSweepTurn() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            statement.setLong(1, SWEEP_LOCK);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("taking the outbox sweep's turn failed", e);
        }
    }

    /**
     * Locks up to {@code limit} events accepted before {@code acceptedBefore} and still unpublished; rows locked
     * by another replica's sweep are skipped. Must run inside a transaction (the locks last until it ends).
     */
    public List<PendingEvent> lockUnpublished(Instant acceptedBefore, int limit) {
        String sql = """
                SELECT channel_id, message_id, event FROM inbound_message
                 WHERE published_at IS NULL AND event IS NOT NULL AND accepted_at < ?
                 ORDER BY accepted_at
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(acceptedBefore));
            statement.setInt(2, limit);
            List<PendingEvent> pending = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingEvent(new MessageKey(rs.getString(1), rs.getString(2)), rs.getString(3)));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new IllegalStateException("reading unpublished events failed", e);
        }
    }

    /**
     * Erasure: drops unpublished events of these conversations (they will not be sent) and the fingerprints of
     * their messages (a hash of the customer's words); the keys stay, so a late retry is still a duplicate.
     */
    public int eraseContent(Collection<String> conversationIds) {
        String sql = """
                UPDATE inbound_message SET event = NULL, fingerprint = NULL
                WHERE conversation_id = ANY (?) AND (event IS NOT NULL OR fingerprint IS NOT NULL)""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, conversationIds));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("dropping events failed", e);
        }
    }

    /** Retention: forgets de-duplication keys accepted before {@code cutoff} that have nothing left to publish. */
    public int deleteSettledBefore(Instant cutoff) {
        String sql = "DELETE FROM inbound_message WHERE event IS NULL AND accepted_at < ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting old keys failed", e);
        }
    }
}
