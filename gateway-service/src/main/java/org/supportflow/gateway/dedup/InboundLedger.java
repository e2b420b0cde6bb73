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

    /** The conversation of an already accepted message, if any. */
    public Optional<String> conversationOf(MessageKey key) {
        String sql = "SELECT conversation_id FROM inbound_message WHERE channel_id = ? AND message_id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
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
    public boolean insertIfAbsent(MessageKey key, String conversationId, Instant acceptedAt, String eventJson) {
        String sql = """
                INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, message_id) DO NOTHING""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.channelId());
            statement.setString(2, key.messageId());
            statement.setString(3, conversationId);
            statement.setObject(4, Sql.ts(acceptedAt));
            statement.setString(5, eventJson);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording the message failed", e);
        }
    }
}
