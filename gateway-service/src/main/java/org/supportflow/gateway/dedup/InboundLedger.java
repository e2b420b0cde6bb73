package org.supportflow.gateway.dedup;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.common.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The record of every accepted message, keyed by (channel, messageId) with a primary key, so a retried POST
 * is recognised on any replica and after restarts. The row also carries the pending event (the outbox, see
 * {@code org.supportflow.gateway.outbox.OutboxStore}) until Kafka acknowledged it; afterwards only the key,
 * the conversation id and timestamps remain, no personal data.
 */
@ApplicationScoped
public class InboundLedger {

    private final AgroalDataSource dataSource;

    public InboundLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An accepted message: its conversation and its fingerprint (null for rows older than the column).
     */
    public record Accepted(String conversationId, String fingerprint) {

        /** Whether a request with this fingerprint is a retry of the accepted message. */
        public boolean sameMessage(String otherFingerprint) {
            return fingerprint == null || fingerprint.equals(otherFingerprint);
        }
    }

    /** The already accepted message with this key, if any. */
    public Optional<Accepted> find(MessageKey key) {
        String sql = "SELECT conversation_id, fingerprint FROM inbound_message WHERE channel_id = ? AND message_id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Accepted(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("de-duplication lookup failed", e);
        }
    }

    /**
     * Records the message with its pending event unless the key exists. Must run inside the transaction that
     * chose the conversation. If another transaction holds the same key uncommitted, PostgreSQL waits for it,
     * so {@code false} always means "already accepted and committed".
     */
    public boolean insertIfAbsent(MessageKey key, String fingerprint, String conversationId, Instant acceptedAt,
                                  String eventJson) {
        String sql = """
                INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, message_id) DO NOTHING""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            statement.setString(3, conversationId);
            statement.setObject(4, Sql.ts(acceptedAt));
            statement.setString(5, eventJson);
            statement.setString(6, fingerprint);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording the message failed", e);
        }
    }
}
