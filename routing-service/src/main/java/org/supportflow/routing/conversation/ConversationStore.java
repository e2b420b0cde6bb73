package org.supportflow.routing.conversation;

import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.replies.Reply;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversation state in PostgreSQL, shared by every routing replica. Whoever changes a conversation
 * first locks its row ({@link #lockOrCreateAll}, {@link #lock}), so the message consumer, the ticket-event
 * consumer and the queue sweep of any replica see each other's changes in order. Lock order everywhere:
 * conversation, then queue entry, then agent.
 */
public final class ConversationStore {

    private static final String COLUMNS = """
            conversation_id, channel_id, customer_id, mode, fallback_streak, priority, handoff_reason, ticket_id,
            language""";

    /**
     * A conversation an event names, to lock; one it has no row yet is created (owned by the bot) if
     * {@code createIfMissing}, else left alone (an event that starts no routing state, e.g. of a finished ticket).
     */
    public record Opening(String conversationId, String channelId, String customerId, boolean createIfMissing) {
    }

    /**
     * Locks the rows of a poll's conversations, creating the missing ones that may be created, in one statement:
     * {@code ON CONFLICT DO UPDATE} locks an existing row and returns it, and the rows are taken in conversation-id
     * order, so that two transactions locking overlapping sets never deadlock. A conversation that may not be
     * created takes part only if its row exists (a row erased while this statement waits for it is created
     * again, bot-owned and empty, as it would be for a message). One row per conversation (a second would make
     * the statement touch its row twice, which PostgreSQL refuses): several openings of one conversation create
     * it if any of them may, with the first such one's channel and customer.
     *
     * @return the locked states by conversation id; a conversation without a row that may not be created is absent
     */
    public Map<String, ConversationState> lockOrCreateAll(Connection c, Collection<Opening> openings, Instant now)
            throws SQLException {
        Map<String, Opening> unique = new LinkedHashMap<>();
        openings.forEach(opening -> unique.merge(opening.conversationId(), opening,
                (first, later) -> first.createIfMissing() || !later.createIfMissing() ? first : later));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversation (conversation_id, channel_id, customer_id, mode, fallback_streak, updated_at)
                SELECT t.id, t.channel_id, t.customer_id, 'BOT', 0, ?
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[])
                       AS t(id, channel_id, customer_id, create_if_missing)
                 WHERE t.create_if_missing
                    OR EXISTS (SELECT 1 FROM conversation cv WHERE cv.conversation_id = t.id)
                 ORDER BY t.id
                ON CONFLICT (conversation_id) DO UPDATE SET updated_at = EXCLUDED.updated_at
                RETURNING\s""" + COLUMNS)) {
            ps.setObject(1, Timestamptz.of(now));
            ps.setArray(2, SqlArrays.texts(c, unique.values(), Opening::conversationId));
            ps.setArray(3, SqlArrays.texts(c, unique.values(), o -> o.channelId() == null ? "" : o.channelId()));
            ps.setArray(4, SqlArrays.texts(c, unique.values(), Opening::customerId));
            ps.setArray(5, SqlArrays.booleans(c, unique.values(), Opening::createIfMissing));
            Map<String, ConversationState> locked = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConversationState state = map(rs);
                    locked.put(state.conversationId(), state);
                }
            }
            for (Opening opening : unique.values()) {
                if (opening.createIfMissing() && !locked.containsKey(opening.conversationId())) {
                    throw new IllegalStateException("upsert of " + unique.size() + " conversations returned "
                            + locked.size() + " rows, not one for each conversation to create");
                }
            }
            return locked;
        }
    }

    public Optional<ConversationState> lock(Connection c, String conversationId) throws SQLException {
        return selectOne(c, "SELECT " + COLUMNS + " FROM conversation WHERE conversation_id = ? FOR UPDATE",
                conversationId);
    }

    /** Locks the row unless another transaction holds it (then empty: that transaction is on it). */
    public Optional<ConversationState> lockIfFree(Connection c, String conversationId) throws SQLException {
        return selectOne(c,
                "SELECT " + COLUMNS + " FROM conversation WHERE conversation_id = ? FOR UPDATE SKIP LOCKED",
                conversationId);
    }

    public Optional<ConversationState> find(Connection c, String conversationId) throws SQLException {
        return selectOne(c, "SELECT " + COLUMNS + " FROM conversation WHERE conversation_id = ?", conversationId);
    }

    /** Writes the states of conversations whose rows this transaction holds locked, in one statement. */
    public void saveAll(Connection c, Collection<ConversationState> states, Instant now) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE conversation cv
                   SET mode = t.mode, fallback_streak = t.fallback_streak, priority = t.priority,
                       handoff_reason = t.handoff_reason, ticket_id = t.ticket_id, language = t.language,
                       customer_id = COALESCE(t.customer_id, cv.customer_id), updated_at = ?
                  FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS t(id, mode, fallback_streak, priority, handoff_reason, ticket_id, language, customer_id)
                 WHERE cv.conversation_id = t.id""")) {
            ps.setObject(1, Timestamptz.of(now));
            ps.setArray(2, SqlArrays.texts(c, states, ConversationState::conversationId));
            ps.setArray(3, SqlArrays.texts(c, states, state -> state.mode().name()));
            ps.setArray(4, SqlArrays.ints(c, states, ConversationState::fallbackStreak));
            ps.setArray(5, SqlArrays.texts(c, states,
                    state -> state.priority() == null ? null : state.priority().name()));
            ps.setArray(6, SqlArrays.texts(c, states,
                    state -> state.handoffReason() == null ? null : state.handoffReason().name()));
            ps.setArray(7, SqlArrays.texts(c, states, ConversationState::ticketId));
            ps.setArray(8, SqlArrays.texts(c, states, ConversationState::language));
            ps.setArray(9, SqlArrays.texts(c, states, ConversationState::customerId));
            ps.executeUpdate();
        }
    }

    /**
     * A decision taken for one message, the kind of reply sent for it (null: none), the reply itself when it
     * cannot be composed again from its kind (an action's answer), and what a domain action did (null: none).
     */
    public record RoutedMessage(RoutingDecision decision, OutboundMessageEvent.Kind replyKind,
                                Reply reply, ActionStep action) {
        /** A decision whose reply is composed again from its kind on a redelivery. */
        public RoutedMessage(RoutingDecision decision, OutboundMessageEvent.Kind replyKind) {
            this(decision, replyKind, null, null);
        }

        public RoutedMessage withAction(ActionStep step) {
            return new RoutedMessage(decision, replyKind, reply, step);
        }
    }

    /** A message of a conversation: the key of its routing decision. */
    public record MessageKey(String conversationId, String messageId) {
    }

    /** A decision to record: the message it was taken for and what was decided. */
    public record Decided(MessageKey key, RoutedMessage routed) {
    }

    /** The decision already taken for a message (a redelivered record), if any. */
    public Optional<RoutedMessage> routedMessage(Connection c, String conversationId, String messageId)
            throws SQLException {
        MessageKey key = new MessageKey(conversationId, messageId);
        return Optional.ofNullable(routedMessages(c, List.of(key)).get(key));
    }

    /** The decisions already taken for any of these messages (redelivered records), in one query. */
    public Map<MessageKey, RoutedMessage> routedMessages(Connection c, Collection<MessageKey> keys)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.route, r.handoff_reason, r.priority, r.agent_id, r.after_hours, r.reply_kind, r.reply_text,
                       r.reply_quick_replies, r.action_step, r.conversation_id, r.message_id
                  FROM routed_message r
                  JOIN unnest(?::text[], ?::text[]) AS k(conversation_id, message_id)
                    ON r.conversation_id = k.conversation_id AND r.message_id = k.message_id""")) {
            ps.setArray(1, SqlArrays.texts(c, keys, MessageKey::conversationId));
            ps.setArray(2, SqlArrays.texts(c, keys, MessageKey::messageId));
            Map<MessageKey, RoutedMessage> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(new MessageKey(rs.getString(10), rs.getString(11)), routed(rs));
                }
            }
            return found;
        }
    }

    private static RoutedMessage routed(ResultSet rs) throws SQLException {
        String reason = rs.getString(2);
        String replyKind = rs.getString(6);
        OutboundMessageEvent.Kind kind = replyKind == null ? null : OutboundMessageEvent.Kind.valueOf(replyKind);
        String replyText = rs.getString(7);
        Reply stored = null;
        if (replyText != null && kind != null) {
            java.sql.Array buttons = rs.getArray(8);
            stored = new Reply(kind == OutboundMessageEvent.Kind.ANSWER || kind == OutboundMessageEvent.Kind.FALLBACK
                    ? Author.BOT : Author.SYSTEM,
                    kind, replyText, buttons == null ? List.of() : List.of((String[]) buttons.getArray()));
        }
        return new RoutedMessage(new RoutingDecision(RoutingDecision.Route.valueOf(rs.getString(1)),
                reason == null ? null : HandoffReason.valueOf(reason), Priority.valueOf(rs.getString(3)),
                rs.getString(4), rs.getBoolean(5)), kind, stored, actionStep(rs.getString(9)));
    }

    /**
     * Records decisions in one statement; one already recorded (a redelivery racing this one) stays as it was.
     * A stored reply's quick replies travel as a JSON array per row: PostgreSQL has no arrays of arrays of
     * different lengths.
     */
    public void recordRoutedAll(Connection c, Collection<Decided> decisions, Instant now) throws SQLException {
        if (decisions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO routed_message (conversation_id, message_id, route, handoff_reason, priority, agent_id,
                                            after_hours, reply_kind, routed_at, reply_text, reply_quick_replies,
                                            action_step)
                SELECT t.conversation_id, t.message_id, t.route, t.handoff_reason, t.priority, t.agent_id,
                       t.after_hours, t.reply_kind, ?, t.reply_text,
                       CASE WHEN t.quick_replies IS NULL THEN NULL
                            ELSE ARRAY(SELECT b.text FROM jsonb_array_elements_text(t.quick_replies::jsonb)
                                                          WITH ORDINALITY AS b(text, n) ORDER BY b.n) END,
                       t.action_step
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                              ?::text[], ?::text[], ?::text[], ?::text[])
                       AS t(conversation_id, message_id, route, handoff_reason, priority, agent_id, after_hours,
                            reply_kind, reply_text, quick_replies, action_step)
                ON CONFLICT (conversation_id, message_id) DO NOTHING""")) {
            ps.setObject(1, Timestamptz.of(now));
            ps.setArray(2, SqlArrays.texts(c, decisions, d -> d.key().conversationId()));
            ps.setArray(3, SqlArrays.texts(c, decisions, d -> d.key().messageId()));
            ps.setArray(4, SqlArrays.texts(c, decisions, d -> d.routed().decision().route().name()));
            ps.setArray(5, SqlArrays.texts(c, decisions, d -> d.routed().decision().handoffReason() == null ? null
                    : d.routed().decision().handoffReason().name()));
            ps.setArray(6, SqlArrays.texts(c, decisions, d -> d.routed().decision().priority().name()));
            ps.setArray(7, SqlArrays.texts(c, decisions, d -> d.routed().decision().agentId()));
            ps.setArray(8, SqlArrays.booleans(c, decisions, d -> d.routed().decision().afterHours()));
            ps.setArray(9, SqlArrays.texts(c, decisions, d -> d.routed().replyKind() == null ? null
                    : d.routed().replyKind().name()));
            ps.setArray(10, SqlArrays.texts(c, decisions,
                    d -> d.routed().reply() == null ? null : d.routed().reply().text()));
            ps.setArray(11, SqlArrays.texts(c, decisions, d -> d.routed().reply() == null ? null
                    : EventJson.toJson(d.routed().reply().quickReplies())));
            ps.setArray(12, SqlArrays.texts(c, decisions, d -> d.routed().action() == null ? null
                    : EventJson.toJson(d.routed().action())));
            ps.executeUpdate();
        }
    }

    private static ActionStep actionStep(String json) {
        return json == null ? null : EventJson.fromJson(json, ActionStep.class);
    }

    /** Forgets routed-message ids older than {@code before} (they only guard against redelivery). */
    public int purgeRoutedBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM routed_message WHERE routed_at < ?")) {
            ps.setObject(1, Timestamptz.of(before));
            return ps.executeUpdate();
        }
    }

    public List<String> conversationsOfCustomer(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conversation_id FROM conversation WHERE customer_id = ? ORDER BY conversation_id")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    /** Deletes the conversation's state and its routed-message ids. */
    public void delete(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM action_form WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM routed_message WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversation WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
    }

    private static Optional<ConversationState> selectOne(Connection c, String sql, String conversationId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static ConversationState map(ResultSet rs) throws SQLException {
        String priority = rs.getString(6);
        String reason = rs.getString(7);
        return new ConversationState(rs.getString(1), rs.getString(2), rs.getString(3),
                ConversationState.Mode.valueOf(rs.getString(4)), rs.getInt(5),
                priority == null ? null : Priority.valueOf(priority),
                reason == null ? null : HandoffReason.valueOf(reason), rs.getString(8), rs.getString(9));
    }
}
