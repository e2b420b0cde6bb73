package org.supportflow.gateway.dedup;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every accepted message, keyed by (channel, messageId) with a primary key, so a retried POST
 * is recognised on any replica and after restarts. The row also carries the pending event (the outbox, see
 * {@code org.supportflow.gateway.outbox.OutboxStore}) until Kafka acknowledged it; afterwards only the key,
 * the conversation id and timestamps remain, no personal data. Every method runs on the caller's connection,
 * inside the ingestion transaction ({@code org.supportflow.gateway.ingest.IngestRecorder}).
 */
@ApplicationScoped
public class InboundLedger {

    /**
     * An accepted message: its conversation and its fingerprint (null for rows older than the column).
     */
    public record Accepted(String conversationId, String fingerprint) {

        /** Whether a request with this fingerprint is a retry of the accepted message. */
        public boolean sameMessage(String otherFingerprint) {
            return fingerprint == null || fingerprint.equals(otherFingerprint);
        }
    }

    /** The already accepted message with this key, if any, read on the caller's connection (its transaction). */
    public Optional<Accepted> find(Connection connection, MessageKey key) throws SQLException {
        String sql = "SELECT conversation_id, fingerprint FROM inbound_message WHERE channel_id = ? AND message_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Accepted(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The already accepted messages among these keys, in one statement (a group commit's first look). */
    public Map<MessageKey, Accepted> findAll(Connection connection, Collection<MessageKey> keys) throws SQLException {
        Map<MessageKey, Accepted> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String sql = """
                SELECT m.channel_id, m.message_id, m.conversation_id, m.fingerprint
                  FROM inbound_message m JOIN unnest(?::text[], ?::text[]) AS k(channel_id, message_id)
                    ON m.channel_id = k.channel_id AND m.message_id = k.message_id""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, keys, MessageKey::channelId));
            statement.setArray(2, SqlArrays.texts(connection, keys, MessageKey::messageId));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(new MessageKey(rs.getString(1), rs.getString(2)),
                            new Accepted(rs.getString(3), rs.getString(4)));
                }
            }
        }
        return found;
    }

    /** A message to record with {@link #insertAllIfAbsent}. */
    public record NewMessage(MessageKey key, String fingerprint, String conversationId, Instant acceptedAt,
                             String eventJson) {
    }

    /**
     * {@link #insertIfAbsent} for several messages (distinct keys) in one statement, in their order; returns
     * the keys inserted. A key missing from the answer was accepted and committed by another transaction.
     */
    public Set<MessageKey> insertAllIfAbsent(Connection connection, List<NewMessage> messages) throws SQLException {
        Set<MessageKey> inserted = new HashSet<>();
        if (messages.isEmpty()) {
            return inserted;
        }
        // ORDER BY ord: a key another transaction holds is waited for in the same order as one by one
        String sql = """
                INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event, fingerprint)
                SELECT m.channel_id, m.message_id, m.conversation_id, m.accepted_at, m.event, m.fingerprint
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
                       WITH ORDINALITY AS m(channel_id, message_id, conversation_id, accepted_at, event, fingerprint, ord)
                 ORDER BY m.ord
                ON CONFLICT (channel_id, message_id) DO NOTHING
                RETURNING channel_id, message_id""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, messages, m -> m.key().channelId()));
            statement.setArray(2, SqlArrays.texts(connection, messages, m -> m.key().messageId()));
            statement.setArray(3, SqlArrays.texts(connection, messages, NewMessage::conversationId));
            statement.setArray(4, SqlArrays.instants(connection, messages, NewMessage::acceptedAt));
            statement.setArray(5, SqlArrays.texts(connection, messages, NewMessage::eventJson));
            statement.setArray(6, SqlArrays.texts(connection, messages, NewMessage::fingerprint));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new MessageKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }


    /**
     * Records the message with its pending event unless the key exists, on the connection of the transaction
     * that chose the conversation. If another transaction holds the same key uncommitted, PostgreSQL waits for
     * it, so {@code false} always means "already accepted and committed".
     */
    public boolean insertIfAbsent(Connection connection, MessageKey key, String fingerprint, String conversationId,
                                  Instant acceptedAt, String eventJson) throws SQLException {
        String sql = """
                INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, message_id) DO NOTHING""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            statement.setString(3, conversationId);
            statement.setObject(4, Timestamptz.of(acceptedAt));
            statement.setString(5, eventJson);
            statement.setString(6, fingerprint);
            return statement.executeUpdate() == 1;
        }
    }
}
