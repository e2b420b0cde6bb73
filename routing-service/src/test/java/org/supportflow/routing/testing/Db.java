package org.supportflow.routing.testing;

import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.conversation.ConversationStore.Opening;
import org.supportflow.web.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Direct reads of routing's tables, for assertions on the database's state. */
public final class Db {

    private Db() {
    }

    /**
     * Locks the conversation (created on channel {@code demo-web} if missing) and hands it to a human, as a
     * handoff for {@code reason} at {@code priority} leaves it; in the caller's transaction, which holds its lock.
     */
    public static ConversationState handOff(Connection c, ConversationStore conversations, String conversationId,
                                            String customerId, HandoffReason reason, Priority priority, Instant at)
            throws SQLException {
        ConversationState state = conversations.lockOrCreateAll(c,
                List.of(new Opening(conversationId, "demo-web", customerId, true)), at).get(conversationId);
        ConversationState handedOff = state.handedOff(reason, priority);
        conversations.saveAll(c, List.of(handedOff), at);
        return handedOff;
    }

    public record Load(int capacity, int active, int assignments, String status) {
    }

    /** Capacity, the active counter and the real number of assignments of each agent whose id starts with prefix. */
    public static Map<String, Load> loads(Jdbc jdbc, String agentPrefix) {
        return jdbc.inTransaction(c -> loads(c, agentPrefix));
    }

    public static Map<String, Load> loads(Connection c, String agentPrefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.agent_id, a.capacity, a.active, a.status,
                       (SELECT count(*) FROM assignment s WHERE s.agent_id = a.agent_id)
                  FROM agent a WHERE a.agent_id LIKE ?""")) {
            ps.setString(1, agentPrefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Load> loads = new HashMap<>();
                while (rs.next()) {
                    loads.put(rs.getString(1), new Load(rs.getInt(2), rs.getInt(3), rs.getInt(5), rs.getString(4)));
                }
                return loads;
            }
        }
    }

    /** The agent a conversation is assigned to, or null. */
    public static String assignee(Jdbc jdbc, String conversationId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT agent_id FROM assignment WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
