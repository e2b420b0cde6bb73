package org.supportflow.routing.conversation;

import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversation state in PostgreSQL, shared by every routing replica. Whoever changes a conversation
 * first locks its row ({@link #lockOrCreate}, {@link #lock}), so the message consumer, the ticket-event
 * consumer and the queue sweep of any replica see each other's changes in order. Lock order everywhere:
 * conversation, then queue entry, then agent.
 */
public final class ConversationStore {

    private static final String COLUMNS = """
            conversation_id, channel_id, customer_id, mode, fallback_streak, priority, handoff_reason, ticket_id,
            language""";

    /**
     * Locks the conversation's row, creating it (owned by the bot) on its first message: one statement,
     * since {@code ON CONFLICT DO UPDATE} locks the existing row and returns it.
     */
    public ConversationState lockOrCreate(Connection c, String conversationId, String channelId, String customerId,
                                          Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversation (conversation_id, channel_id, customer_id, mode, fallback_streak, updated_at)
                VALUES (?, ?, ?, 'BOT', 0, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET updated_at = EXCLUDED.updated_at
                RETURNING\s""" + COLUMNS)) {
            ps.setString(1, conversationId);
            ps.setString(2, channelId == null ? "" : channelId);
            ps.setString(3, customerId);
            ps.setObject(4, Timestamptz.of(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("upsert of a conversation returned no row");
                }
                return map(rs);
            }
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

    public void save(Connection c, ConversationState state, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE conversation
                   SET mode = ?, fallback_streak = ?, priority = ?, handoff_reason = ?, ticket_id = ?, language = ?,
                       customer_id = COALESCE(?, customer_id), updated_at = ?
                 WHERE conversation_id = ?""")) {
            ps.setString(1, state.mode().name());
            ps.setInt(2, state.fallbackStreak());
            ps.setString(3, state.priority() == null ? null : state.priority().name());
            ps.setString(4, state.handoffReason() == null ? null : state.handoffReason().name());
            ps.setString(5, state.ticketId());
            ps.setString(6, state.language());
            ps.setString(7, state.customerId());
            ps.setObject(8, Timestamptz.of(now));
            ps.setString(9, state.conversationId());
            ps.executeUpdate();
        }
    }

    /**
     * A decision taken for one message, the kind of reply sent for it (null: none), the reply itself when it
     * cannot be composed again from its kind (an action's answer), and what a domain action did (null: none).
     */
    public record RoutedMessage(RoutingDecision decision, OutboundMessageEvent.Kind replyKind,
                                org.supportflow.routing.replies.Reply reply, ActionStep action) {
        /** A decision whose reply is composed again from its kind on a redelivery. */
        public RoutedMessage(RoutingDecision decision, OutboundMessageEvent.Kind replyKind) {
            this(decision, replyKind, null, null);
        }

        public RoutedMessage withAction(ActionStep step) {
            return new RoutedMessage(decision, replyKind, reply, step);
        }
    }

    /** The decision already taken for a message (a redelivered record), if any. */
    public Optional<RoutedMessage> routedMessage(Connection c, String conversationId, String messageId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT route, handoff_reason, priority, agent_id, after_hours, reply_kind, reply_text, reply_quick_replies,
                       action_step
                  FROM routed_message
                 WHERE conversation_id = ? AND message_id = ?""")) {
            ps.setString(1, conversationId);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String reason = rs.getString(2);
                String replyKind = rs.getString(6);
                OutboundMessageEvent.Kind kind = replyKind == null ? null : OutboundMessageEvent.Kind.valueOf(replyKind);
                String replyText = rs.getString(7);
                org.supportflow.routing.replies.Reply stored = null;
                if (replyText != null && kind != null) {
                    java.sql.Array buttons = rs.getArray(8);
                    stored = new org.supportflow.routing.replies.Reply(
                            kind == OutboundMessageEvent.Kind.ANSWER || kind == OutboundMessageEvent.Kind.FALLBACK
                                    ? org.supportflow.contracts.taxonomy.Author.BOT
                                    : org.supportflow.contracts.taxonomy.Author.SYSTEM,
                            kind, replyText, buttons == null ? List.of() : List.of((String[]) buttons.getArray()));
                }
                return Optional.of(new RoutedMessage(new RoutingDecision(RoutingDecision.Route.valueOf(rs.getString(1)),
                        reason == null ? null : HandoffReason.valueOf(reason), Priority.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getBoolean(5)), kind, stored, actionStep(rs.getString(9))));
            }
        }
    }

    public void recordRouted(Connection c, String conversationId, String messageId, RoutedMessage routed,
                             Instant now) throws SQLException {
        RoutingDecision decision = routed.decision();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO routed_message (conversation_id, message_id, route, handoff_reason, priority, agent_id,
                                            after_hours, reply_kind, routed_at, reply_text, reply_quick_replies,
                                            action_step)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id, message_id) DO NOTHING""")) {
            ps.setString(1, conversationId);
            ps.setString(2, messageId);
            ps.setString(3, decision.route().name());
            ps.setString(4, decision.handoffReason() == null ? null : decision.handoffReason().name());
            ps.setString(5, decision.priority().name());
            ps.setString(6, decision.agentId());
            ps.setBoolean(7, decision.afterHours());
            ps.setString(8, routed.replyKind() == null ? null : routed.replyKind().name());
            ps.setObject(9, Timestamptz.of(now));
            ps.setString(10, routed.reply() == null ? null : routed.reply().text());
            ps.setArray(11, routed.reply() == null ? null
                    : c.createArrayOf("text", routed.reply().quickReplies().toArray(String[]::new)));
            ps.setString(12, routed.action() == null ? null : EventJson.toJson(routed.action()));
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
