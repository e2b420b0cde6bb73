package org.supportflow.gateway.replies;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.web.jdbc.Jdbc;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Replies for polling channels (and for {@code waitMs} retries). Idempotent by the reply's own messageId.
 * The sequence is an identity column; replies of one conversation are written one after the other by the
 * consumer that owns its partition, so within a conversation sequences grow in delivery order and a cursor
 * never skips a reply.
 */
@ApplicationScoped
public class ReplyStore {

    private static final String COLUMNS =
            "seq, conversation_id, channel_id, message_id, in_reply_to, author, text, quick_replies, sent_at, kind";

    private final AgroalDataSource dataSource;
    /** Storing is idempotent (by messageId) and builds its answer inside the work: safe to run again. */
    private final Jdbc jdbc;

    public ReplyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, Jdbc.DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * A stored reply and whether a channel's callback already accepted it (only ever true for a reply stored
     * before: a redelivery).
     *
     * @param askedAt when the gateway accepted the customer message this reply answers; null for a redelivery
     *                (the reply was stored before) or a reply to no message this gateway accepted
     */
    public record Stored(StoredReply reply, boolean callbackDelivered, Instant askedAt) {
    }

    /** Stores the reply unless already stored (a redelivery); returns it with its sequence either way. */
    public Stored store(OutboundMessageEvent event) {
        return storeAll(List.of(event)).getFirst();
    }

    /**
     * Stores a poll of replies in one transaction, in their order (a conversation's sequences grow in delivery
     * order); returns them in the same order once committed. All or nothing.
     */
    public List<Stored> storeAll(List<OutboundMessageEvent> events) {
        return jdbc.inTransaction(connection -> {
            List<Stored> stored = new ArrayList<>(events.size());
            for (OutboundMessageEvent event : events) {
                stored.add(store(connection, event));
            }
            return stored;
        });
    }

    private Stored store(Connection connection, OutboundMessageEvent event) throws SQLException {
        String messageId = event.messageId() != null ? event.messageId() : event.eventId();
        Instant sentAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        String kind = event.kind() == null ? null : event.kind().name();
        // The same statement reads when the answered message arrived (its primary key), for the reply latency.
        String insert = """
                WITH stored AS (
                    INSERT INTO reply (conversation_id, channel_id, message_id, in_reply_to, author, text, quick_replies,
                                       sent_at, kind)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (message_id) DO NOTHING
                    RETURNING seq)
                SELECT stored.seq, asked.accepted_at FROM stored
                LEFT JOIN inbound_message asked ON asked.channel_id = ? AND asked.message_id = ?""";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, event.conversationId());
            statement.setString(2, event.channelId());
            statement.setString(3, messageId);
            statement.setString(4, event.inReplyTo());
            statement.setString(5, event.author().wireName());
            statement.setString(6, event.text());
            statement.setArray(7, connection.createArrayOf("text", event.quickReplies().toArray()));
            statement.setObject(8, Timestamptz.of(sentAt));
            statement.setString(9, kind);
            statement.setString(10, event.channelId());
            statement.setString(11, event.inReplyTo());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    return new Stored(new StoredReply(rs.getLong(1), event.conversationId(), event.channelId(),
                            messageId, event.inReplyTo(), event.author().wireName(), event.text(),
                            event.quickReplies(), sentAt, kind), false, Timestamptz.instant(rs, 2));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + ", callback_delivered_at IS NOT NULL FROM reply WHERE message_id = ?")) {
            statement.setString(1, messageId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("stored reply vanished (erased concurrently?)");
                }
                return new Stored(read(rs), rs.getBoolean(11), null);
            }
        }
    }

    /** Records that the channel's callback accepted this reply. */
    public void markCallbackDelivered(String messageId, Instant at) {
        String sql = "UPDATE reply SET callback_delivered_at = ? WHERE message_id = ? AND callback_delivered_at IS NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(at));
            statement.setString(2, messageId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a reply's delivery failed", e);
        }
    }

    /** Replies of a conversation after the cursor, oldest first. */
    public List<StoredReply> after(String conversationId, long afterSequence, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM reply WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?";
        return query(sql, statement -> {
            statement.setString(1, conversationId);
            statement.setLong(2, afterSequence);
            statement.setInt(3, limit);
        });
    }

    /**
     * Replies of all of a customer's conversations on a channel after the cursor, oldest first (the web widget
     * follows a visitor across conversations). A customer has one open conversation at a time, whose replies
     * are stored in order by one consumer, so sequences still grow in delivery order here.
     */
    public List<StoredReply> afterForCustomer(String channelId, String customerId, long afterSequence, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM reply WHERE conversation_id IN "
                + "(SELECT id FROM conversation WHERE channel_id = ? AND customer_id = ?) AND seq > ? ORDER BY seq LIMIT ?";
        return query(sql, statement -> {
            statement.setString(1, channelId);
            statement.setString(2, customerId);
            statement.setLong(3, afterSequence);
            statement.setInt(4, limit);
        });
    }

    /** The latest {@code limit} replies of a customer's conversations on a channel, oldest first. */
    public List<StoredReply> latestForCustomer(String channelId, String customerId, int limit) {
        String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM reply WHERE conversation_id IN "
                + "(SELECT id FROM conversation WHERE channel_id = ? AND customer_id = ?) ORDER BY seq DESC LIMIT ?) "
                + "latest ORDER BY seq";
        return query(sql, statement -> {
            statement.setString(1, channelId);
            statement.setString(2, customerId);
            statement.setInt(3, limit);
        });
    }

    /** Replies to one customer message, oldest first. */
    public List<StoredReply> inReplyTo(String conversationId, String messageId) {
        String sql = "SELECT " + COLUMNS + " FROM reply WHERE conversation_id = ? AND in_reply_to = ? ORDER BY seq";
        return query(sql, statement -> {
            statement.setString(1, conversationId);
            statement.setString(2, messageId);
        });
    }

    /** Erasure: deletes the replies of these conversations. */
    public int deleteConversations(Collection<String> conversationIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM reply WHERE conversation_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", conversationIds.toArray()));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting replies failed", e);
        }
    }

    /** Retention. */
    public int deleteSentBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM reply WHERE sent_at < ?")) {
            statement.setObject(1, Timestamptz.of(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting old replies failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<StoredReply> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredReply> replies = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    replies.add(read(rs));
                }
            }
            return replies;
        } catch (SQLException e) {
            throw new IllegalStateException("reading replies failed", e);
        }
    }

    private static StoredReply read(ResultSet rs) throws SQLException {
        Array quick = rs.getArray(8);
        List<String> quickReplies = quick == null ? List.of() : Arrays.asList((String[]) quick.getArray());
        return new StoredReply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), quickReplies, Timestamptz.instant(rs, 9), rs.getString(10));
    }
}
