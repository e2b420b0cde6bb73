package org.supportflow.gateway.widget;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The widget visitors' own messages (table {@code widget_message}), kept for the history a reloaded page shows.
 * Written after the ingestion accepted the message, idempotently, so a retried send stores it once.
 */
@ApplicationScoped
public class WidgetMessageStore {

    /** One visitor message as the history shows it. */
    public record VisitorMessage(String messageId, String clientId, String conversationId, String text, Instant sentAt) {
    }

    private final AgroalDataSource dataSource;

    public WidgetMessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(String channelId, String customerId, VisitorMessage message) {
        String sql = """
                INSERT INTO widget_message (channel_id, message_id, customer_id, client_id, conversation_id, text, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, message_id) DO NOTHING""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channelId);
            statement.setString(2, message.messageId());
            statement.setString(3, customerId);
            statement.setString(4, message.clientId());
            statement.setString(5, message.conversationId());
            statement.setString(6, message.text());
            statement.setObject(7, Timestamptz.of(message.sentAt()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing a widget message failed", e);
        }
    }

    /** The latest {@code limit} messages of a visitor on a channel, oldest first. */
    public List<VisitorMessage> latest(String channelId, String customerId, int limit) {
        String sql = """
                SELECT * FROM (
                    SELECT message_id, client_id, conversation_id, text, sent_at FROM widget_message
                     WHERE channel_id = ? AND customer_id = ? ORDER BY sent_at DESC LIMIT ?) latest
                 ORDER BY sent_at""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channelId);
            statement.setString(2, customerId);
            statement.setInt(3, limit);
            List<VisitorMessage> messages = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    messages.add(new VisitorMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Timestamptz.instant(rs, 5)));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("reading widget messages failed", e);
        }
    }

    /** Erasure: the messages of this customer id or of these conversations. Joins the caller's transaction. */
    public int deleteCustomer(String customerId, Collection<String> conversationIds) {
        String sql = "DELETE FROM widget_message WHERE customer_id = ? OR conversation_id = ANY (?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, customerId);
            statement.setArray(2, SqlArrays.texts(connection, conversationIds));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("erasing widget messages failed", e);
        }
    }

    /** Retention, like replies. */
    public int deleteSentBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM widget_message WHERE sent_at < ?")) {
            statement.setObject(1, Timestamptz.of(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting old widget messages failed", e);
        }
    }
}
