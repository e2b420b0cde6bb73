package org.supportflow.gateway.replies;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.web.jdbc.Jdbc;
import org.supportflow.web.jdbc.SqlArrays;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * order); returns them in the same order once committed. All or nothing. One statement inserts the poll's
     * new replies and a second reads those stored before (redeliveries), whatever the poll's size: statements,
     * not rows, are what storing costs PostgreSQL.
     */
    public List<Stored> storeAll(List<OutboundMessageEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(connection -> {
            List<StoredReply> replies = events.stream().map(ReplyStore::replyOf).toList();
            Map<String, Inserted> inserted = insertAll(connection, replies);
            List<String> storedBefore = new ArrayList<>();
            Set<String> claimed = new HashSet<>();
            for (StoredReply reply : replies) {
                // a reply twice in the poll: the first is the one inserted, the second a redelivery of it
                if (!inserted.containsKey(reply.messageId()) || !claimed.add(reply.messageId())) {
                    storedBefore.add(reply.messageId());
                }
            }
            Map<String, Stored> before = storedBefore.isEmpty() ? Map.of() : read(connection, storedBefore);
            Set<String> answered = new HashSet<>();
            List<Stored> stored = new ArrayList<>(events.size());
            for (StoredReply reply : replies) {
                Inserted fresh = inserted.get(reply.messageId());
                if (fresh != null && answered.add(reply.messageId())) {
                    stored.add(new Stored(sequenced(reply, fresh.seq()), false, fresh.askedAt()));
                } else if (before.containsKey(reply.messageId())) {
                    stored.add(before.get(reply.messageId()));
                } else {
                    throw new IllegalStateException("stored reply vanished (erased concurrently?)");
                }
            }
            return stored;
        });
    }

    /** A reply as this event would store it, before it has a sequence (0 until then). */
    private static StoredReply replyOf(OutboundMessageEvent event) {
        String messageId = event.messageId() != null ? event.messageId() : event.eventId();
        Instant sentAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        String kind = event.kind() == null ? null : event.kind().name();
        return new StoredReply(0, event.conversationId(), event.channelId(), messageId, event.inReplyTo(),
                event.author().wireName(), event.text(), event.quickReplies(), sentAt, kind);
    }

    private static StoredReply sequenced(StoredReply reply, long sequence) {
        return new StoredReply(sequence, reply.conversationId(), reply.channelId(), reply.messageId(),
                reply.inReplyTo(), reply.from(), reply.text(), reply.quickReplies(), reply.sentAt(), reply.kind());
    }

    private record Inserted(long seq, Instant askedAt) {
    }

    /**
     * Inserts the replies not stored yet, in the list's order (ORDER BY ord: sequences follow it); returns the
     * inserted ones by message id. The same statement reads when each answered message arrived (its primary
     * key), for the reply latency. Quick replies travel as one JSON array per reply, as a text[] column cannot
     * be unnested per row.
     */
    private static Map<String, Inserted> insertAll(Connection connection, List<StoredReply> replies)
            throws SQLException {
        String sql = """
                WITH stored AS (
                    INSERT INTO reply (conversation_id, channel_id, message_id, in_reply_to, author, text, quick_replies,
                                       sent_at, kind)
                    SELECT e.conversation_id, e.channel_id, e.message_id, e.in_reply_to, e.author, e.text,
                           ARRAY(SELECT b.text FROM jsonb_array_elements_text(e.quick_replies::jsonb)
                                                  WITH ORDINALITY AS b(text, n) ORDER BY b.n),
                           e.sent_at, e.kind
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                  ?::timestamptz[], ?::text[])
                           WITH ORDINALITY AS e(conversation_id, channel_id, message_id, in_reply_to, author, text,
                                                quick_replies, sent_at, kind, ord)
                     ORDER BY e.ord
                    ON CONFLICT (message_id) DO NOTHING
                    RETURNING seq, channel_id, message_id, in_reply_to)
                SELECT stored.message_id, stored.seq, asked.accepted_at FROM stored
                LEFT JOIN inbound_message asked
                       ON asked.channel_id = stored.channel_id AND asked.message_id = stored.in_reply_to""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, replies, StoredReply::conversationId));
            statement.setArray(2, SqlArrays.texts(connection, replies, StoredReply::channelId));
            statement.setArray(3, SqlArrays.texts(connection, replies, StoredReply::messageId));
            statement.setArray(4, SqlArrays.texts(connection, replies, StoredReply::inReplyTo));
            statement.setArray(5, SqlArrays.texts(connection, replies, StoredReply::from));
            statement.setArray(6, SqlArrays.texts(connection, replies, StoredReply::text));
            statement.setArray(7, SqlArrays.texts(connection, replies,
                    reply -> EventJson.toJson(reply.quickReplies())));
            statement.setArray(8, SqlArrays.instants(connection, replies, StoredReply::sentAt));
            statement.setArray(9, SqlArrays.texts(connection, replies, StoredReply::kind));
            Map<String, Inserted> inserted = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(1), new Inserted(rs.getLong(2), Timestamptz.instant(rs, 3)));
                }
            }
            return inserted;
        }
    }

    /** Replies stored before, by message id, with whether a channel's callback accepted them. */
    private static Map<String, Stored> read(Connection connection, List<String> messageIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + ", callback_delivered_at IS NOT NULL FROM reply WHERE message_id = ANY (?)")) {
            statement.setArray(1, SqlArrays.texts(connection, messageIds));
            Map<String, Stored> stored = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    StoredReply reply = read(rs);
                    stored.put(reply.messageId(), new Stored(reply, rs.getBoolean(11), null));
                }
            }
            return stored;
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
            statement.setArray(1, SqlArrays.texts(connection, conversationIds));
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
