package org.supportflow.gateway.conversation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Conversations in PostgreSQL. At most one open conversation per (channel, customer) is enforced by a
 * partial unique index, so two gateway replicas cannot open two at once. Methods that take part in the
 * ingestion transaction must be called inside it (the connection joins the JTA transaction).
 */
@ApplicationScoped
public class ConversationStore {

    private final AgroalDataSource dataSource;
    private final ConversationPolicy policy;

    public ConversationStore(AgroalDataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        this.policy = new ConversationPolicy(config.conversation().solvedIdleTimeout());
    }

    /**
     * The conversation a customer message at {@code now} belongs to: the open one (locked until the
     * transaction ends, which serialises one customer's messages) if the policy continues it, else a new one.
     * Runs on the caller's connection, inside its transaction.
     */
    public String conversationFor(Connection connection, String channelId, String customerId, Instant now,
                                  Duration idleTimeout) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<OpenConversation> open = lockOpen(connection, channelId, customerId);
            if (open.isPresent()) {
                Optional<ConversationPolicy.EndReason> end = policy.endReason(open.get(), now, idleTimeout);
                if (end.isEmpty()) {
                    touch(connection, open.get().id(), now);
                    return open.get().id();
                }
                close(connection, open.get().id(), now, end.get().code());
            }
            String id = ConversationPolicy.newConversationId();
            if (insert(connection, id, channelId, customerId, now)) {
                return id;
            }
            // another replica opened one concurrently: it is committed now, so continue with it
        }
        throw new IllegalStateException("could not open a conversation after concurrent attempts");
    }

    /** The channel a conversation belongs to, if the gateway knows it. */
    public Optional<String> channelOf(String conversationId) {
        String sql = "SELECT channel_id FROM conversation WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("conversation lookup failed", e);
        }
    }

    /** The customer id of a conversation (a pseudonym after an erasure), if the gateway knows it. */
    public Optional<String> customerOf(String conversationId) {
        String sql = "SELECT customer_id FROM conversation WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("conversation lookup failed", e);
        }
    }

    /** The ticket was CLOSED: the next customer message opens a new conversation. Idempotent. */
    public void markClosed(String conversationId, Instant at) {
        update("UPDATE conversation SET closed_at = ?, close_reason = 'ticket_closed' WHERE id = ? AND closed_at IS NULL",
                at, conversationId);
    }

    /** The ticket was SOLVED at {@code at}. */
    public void markSolved(String conversationId, Instant at) {
        update("UPDATE conversation SET solved_at = ? WHERE id = ? AND closed_at IS NULL", at, conversationId);
    }

    /** The ticket is active again (reopened): the solved grace period no longer applies. */
    public void markActive(String conversationId) {
        update("UPDATE conversation SET solved_at = NULL WHERE id = ? AND solved_at IS NOT NULL", null, conversationId);
    }

    /**
     * Erasure: the conversations of {@code customerId} (or listed by id) lose the customer id, replaced by a
     * value derived from the conversation id, and are closed. Returns the affected conversation ids.
     * Must run inside a transaction.
     */
    public List<String> pseudonymise(String customerId, Collection<String> conversationIds, Instant now) {
        String sql = """
                UPDATE conversation
                   SET customer_id = 'erased:' || id,
                       closed_at = COALESCE(closed_at, ?),
                       close_reason = COALESCE(close_reason, 'erased')
                 WHERE customer_id = ? OR id = ANY (?)
                RETURNING id""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, customerId);
            statement.setArray(3, connection.createArrayOf("text", conversationIds.toArray()));
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("conversation erasure failed", e);
        }
    }

    /** Deletes conversations closed before {@code cutoff}; returns how many. */
    public int deleteClosedBefore(Instant cutoff) {
        return update("DELETE FROM conversation WHERE closed_at < ?", cutoff, null);
    }

    private static Optional<OpenConversation> lockOpen(Connection connection, String channelId, String customerId)
            throws SQLException {
        String sql = """
                SELECT id, last_message_at, solved_at FROM conversation
                 WHERE channel_id = ? AND customer_id = ? AND closed_at IS NULL
                   FOR UPDATE""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channelId);
            statement.setString(2, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OpenConversation(rs.getString(1), Timestamptz.instant(rs, 2),
                        Timestamptz.instant(rs, 3)));
            }
        }
    }

    private static void touch(Connection connection, String id, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET last_message_at = GREATEST(last_message_at, ?) WHERE id = ?")) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, id);
            statement.executeUpdate();
        }
    }

    private static void close(Connection connection, String id, Instant now, String reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET closed_at = ?, close_reason = ? WHERE id = ?")) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, reason);
            statement.setString(3, id);
            statement.executeUpdate();
        }
    }

    private static boolean insert(Connection connection, String id, String channelId, String customerId, Instant now)
            throws SQLException {
        String sql = """
                INSERT INTO conversation (id, channel_id, customer_id, opened_at, last_message_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, customer_id) WHERE closed_at IS NULL DO NOTHING""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            var at = Timestamptz.of(now);
            statement.setString(1, id);
            statement.setString(2, channelId);
            statement.setString(3, customerId);
            statement.setObject(4, at);
            statement.setObject(5, at);
            return statement.executeUpdate() == 1;
        }
    }

    private int update(String sql, Instant at, String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (at != null) {
                statement.setObject(index++, Timestamptz.of(at));
            }
            if (id != null) {
                statement.setString(index, id);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("conversation update failed", e);
        }
    }
}
