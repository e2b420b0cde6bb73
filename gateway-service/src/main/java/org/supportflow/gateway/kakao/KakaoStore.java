package org.supportflow.gateway.kakao;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.kakao.response.SkillReply;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.net.URI;
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
import java.util.Optional;

/**
 * The skill requests (with their one-use callbacks) and the claims on replies that went out to KakaoTalk
 * users (V3__kakao.sql). Every decision that two replicas could take at once is one conditional statement.
 */
@ApplicationScoped
public class KakaoStore {

    /** How a reply reached the user. */
    public enum Via {
        SKILL_RESPONSE, CALLBACK, EVENT_API;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What happened to a skill request. */
    public enum RequestState {
        WAITING, ANSWERED, CALLBACK_OPEN, CALLBACK_USED, CLOSED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A callback taken for one POST. */
    public record ClaimedCallback(String requestMessageId, URI url) {
    }

    /** At most this many held replies are looked at for one response (3 bubbles hold fewer anyway). */
    private static final int HELD_LIMIT = 20;

    private final AgroalDataSource dataSource;

    public KakaoStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a request before it is accepted; a retry of the same request keeps the first row. */
    public void startRequest(String channelId, String messageId, URI callbackUrl, Instant callbackExpiresAt,
                             Instant now) {
        update("""
                INSERT INTO kakao_request (channel_id, message_id, state, callback_url, callback_expires_at, created_at)
                VALUES (?, ?, 'waiting', ?, ?, ?) ON CONFLICT (channel_id, message_id) DO NOTHING""", statement -> {
            statement.setString(1, channelId);
            statement.setString(2, messageId);
            statement.setString(3, callbackUrl == null ? null : callbackUrl.toString());
            statement.setObject(4, Timestamptz.of(callbackExpiresAt));
            statement.setObject(5, Timestamptz.of(now));
        });
    }

    /** Ends the wait of a request; false when it had ended already (a retried request). */
    public boolean finishWaiting(String channelId, String messageId, String conversationId, RequestState state) {
        return update("""
                UPDATE kakao_request SET state = ?, conversation_id = ?
                WHERE channel_id = ? AND message_id = ? AND state = 'waiting'""", statement -> {
            statement.setString(1, state.column());
            statement.setString(2, conversationId);
            statement.setString(3, channelId);
            statement.setString(4, messageId);
        }) == 1;
    }

    public Optional<RequestState> requestState(String channelId, String messageId) {
        return queryOne("SELECT state FROM kakao_request WHERE channel_id = ? AND message_id = ?", statement -> {
            statement.setString(1, channelId);
            statement.setString(2, messageId);
        }, rs -> RequestState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)));
    }

    /**
     * Takes the conversation's newest unused, unexpired callback for one POST, the one of {@code preferredRequest}
     * first; used once, whichever replica asks.
     */
    public Optional<ClaimedCallback> claimCallback(String conversationId, String preferredRequest, Instant now) {
        return queryOne("""
                UPDATE kakao_request SET state = 'callback_used'
                WHERE (channel_id, message_id) = (
                    SELECT channel_id, message_id FROM kakao_request
                    WHERE conversation_id = ? AND state = 'callback_open' AND callback_expires_at > ?
                    ORDER BY message_id = ? DESC, created_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED)
                  AND state = 'callback_open'
                RETURNING message_id, callback_url""", statement -> {
            statement.setString(1, conversationId);
            statement.setObject(2, Timestamptz.of(now));
            statement.setString(3, preferredRequest == null ? "" : preferredRequest);
        }, rs -> new ClaimedCallback(rs.getString(1), URI.create(rs.getString(2))));
    }

    /** Gives back a callback that was taken but had nothing to send (still usable until it expires). */
    public void reopenCallback(String channelId, String requestMessageId) {
        update("""
                UPDATE kakao_request SET state = 'callback_open'
                WHERE channel_id = ? AND message_id = ? AND state = 'callback_used'""", statement -> {
            statement.setString(1, channelId);
            statement.setString(2, requestMessageId);
        });
    }

    /** Whether a reply to this request arrived and has not reached the user. */
    public boolean hasUndeliveredReplyTo(String conversationId, String requestMessageId) {
        return queryOne("""
                SELECT 1 FROM reply r WHERE conversation_id = ? AND in_reply_to = ?
                  AND NOT EXISTS (SELECT 1 FROM kakao_delivered d WHERE d.message_id = r.message_id)
                LIMIT 1""", statement -> {
            statement.setString(1, conversationId);
            statement.setString(2, requestMessageId);
        }, rs -> true).isPresent();
    }

    /** Replies of the conversation sent since {@code notBefore} that have not reached the user, oldest first. */
    public List<SkillReply> undelivered(String conversationId, Instant notBefore) {
        String sql = """
                SELECT message_id, text, quick_replies FROM reply r
                WHERE conversation_id = ? AND sent_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM kakao_delivered d WHERE d.message_id = r.message_id)
                ORDER BY seq LIMIT ?""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            statement.setObject(2, Timestamptz.of(notBefore));
            statement.setInt(3, HELD_LIMIT);
            List<SkillReply> replies = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array quick = rs.getArray(3);
                    replies.add(new SkillReply(rs.getString(1), rs.getString(2),
                            quick == null ? List.of() : Arrays.asList((String[]) quick.getArray())));
                }
            }
            return replies;
        } catch (SQLException e) {
            throw new IllegalStateException("reading held kakao replies failed", e);
        }
    }

    /** Claims a reply for sending; false when it was claimed before (sent, or being sent, elsewhere). */
    public boolean claim(String replyMessageId, String conversationId, Via via, Instant now) {
        return update("""
                INSERT INTO kakao_delivered (message_id, conversation_id, via, delivered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (message_id) DO NOTHING""", statement -> {
            statement.setString(1, replyMessageId);
            statement.setString(2, conversationId);
            statement.setString(3, via.column());
            statement.setObject(4, Timestamptz.of(now));
        }) == 1;
    }

    /** Gives claimed replies back (their sending failed): they are held for the user's next utterance. */
    public void release(Collection<String> replyMessageIds) {
        if (replyMessageIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM kakao_delivered WHERE message_id = ANY (?)")) {
            statement.setArray(1, SqlArrays.texts(connection, replyMessageIds));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing kakao replies failed", e);
        }
    }

    public boolean delivered(String replyMessageId) {
        return queryOne("SELECT 1 FROM kakao_delivered WHERE message_id = ?",
                statement -> statement.setString(1, replyMessageId), rs -> true).isPresent();
    }

    /** The botUserKey of a conversation (the Event API addresses users by it). */
    public Optional<String> botUserKey(String conversationId) {
        return queryOne("SELECT customer_id FROM conversation WHERE id = ? AND customer_id NOT LIKE 'erased:%'",
                statement -> statement.setString(1, conversationId), rs -> rs.getString(1));
    }

    /** Retention: requests and claims older than {@code cutoff}. */
    public int deleteBefore(Instant cutoff) {
        return update("DELETE FROM kakao_request WHERE created_at < ?",
                statement -> statement.setObject(1, Timestamptz.of(cutoff)))
                + update("DELETE FROM kakao_delivered WHERE delivered_at < ?",
                        statement -> statement.setObject(1, Timestamptz.of(cutoff)));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("kakao store update failed", e);
        }
    }

    private <T> Optional<T> queryOne(String sql, Binder binder, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("kakao store query failed", e);
        }
    }
}
