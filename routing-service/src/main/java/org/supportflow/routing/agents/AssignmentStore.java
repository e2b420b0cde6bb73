package org.supportflow.routing.agents;

import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.Priority;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Agents, their presence and their load in PostgreSQL, shared by every routing replica.
 *
 * <p>Load accounting: {@code agent.active} counts the agent's rows in {@code assignment} (one row per
 * conversation), and both change in the same transaction. The capacity check and the increment are one
 * conditional {@code UPDATE ... WHERE active < capacity}: PostgreSQL locks the row and re-evaluates the
 * condition against the latest committed version, so two replicas can never both take an agent's last
 * slot. Every method runs on the caller's connection, inside the caller's transaction.
 */
public final class AssignmentStore {

    private final AgentSelector selector;

    public AssignmentStore(AgentSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /** Applies a presence event unless a newer one was applied already; returns whether it changed anything. */
    public boolean applyPresence(Connection c, AgentPresenceEvent event, Instant now) throws SQLException {
        Instant at = event.occurredAt() == null ? now : event.occurredAt();
        Set<String> skills = event.skills().stream().map(SkillRequirements::normalize)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO agent (agent_id, status, capacity, active, skills, presence_at, updated_at)
                VALUES (?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE
                   SET status = EXCLUDED.status, capacity = EXCLUDED.capacity, skills = EXCLUDED.skills,
                       presence_at = EXCLUDED.presence_at, updated_at = EXCLUDED.updated_at
                 WHERE agent.presence_at <= EXCLUDED.presence_at""")) {
            ps.setString(1, event.agentId());
            ps.setString(2, event.status().name());
            ps.setInt(3, Math.max(0, event.capacity()));
            ps.setArray(4, SqlArrays.texts(c, skills));
            ps.setObject(5, Timestamptz.of(at));
            ps.setObject(6, Timestamptz.of(now));
            return ps.executeUpdate() > 0;
        }
    }

    /** The agent a conversation is assigned to, if any. */
    public Optional<String> agentOf(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT agent_id FROM assignment WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The agents these conversations are assigned to, one query for all; a conversation without one is absent. */
    public Map<String, String> agentsOf(Connection c, Collection<String> conversationIds) throws SQLException {
        Map<String, String> agents = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return agents;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conversation_id, agent_id FROM assignment WHERE conversation_id = ANY (?)")) {
            ps.setArray(1, SqlArrays.texts(c, conversationIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agents.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return agents;
    }

    /**
     * Assigns the conversation to the best eligible agent with a free slot, atomically; empty when nobody
     * can take it now. A conversation already assigned keeps its agent.
     */
    public Optional<String> tryAssign(Connection c, String conversationId, Set<String> requiredSkills, Instant now)
            throws SQLException {
        Optional<String> existing = agentOf(c, conversationId);
        if (existing.isPresent()) {
            return existing;
        }
        for (AgentCandidate candidate : selector.rank(eligibleAgents(c, requiredSkills), requiredSkills)) {
            if (takeSlot(c, candidate.agentId(), now)) {
                insertAssignment(c, conversationId, candidate.agentId(), now, false);
                return Optional.of(candidate.agentId());
            }
        }
        return Optional.empty();
    }

    /** Whether any ONLINE agent has a free slot at all (cheap check before draining the queue). */
    public boolean anyFreeSlot(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM agent WHERE status = 'ONLINE' AND active < capacity)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Ends the conversation's assignment and frees the agent's slot; returns the agent it had. */
    public Optional<String> release(Connection c, String conversationId) throws SQLException {
        String agentId;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM assignment WHERE conversation_id = ? RETURNING agent_id")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                agentId = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE agent SET active = GREATEST(active - 1, 0) WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            ps.executeUpdate();
        }
        return Optional.of(agentId);
    }

    /**
     * Records that a person (an agent or a supervisor in ticket-service) gave the conversation to
     * {@code agentId}: the previous agent's slot is freed and the new agent's load counts it, even beyond
     * capacity, because a person decided so. No-op when it already is that agent's.
     */
    public boolean reassign(Connection c, String conversationId, String agentId, Instant now) throws SQLException {
        Optional<String> current = agentOf(c, conversationId);
        if (current.isPresent() && current.get().equals(agentId)) {
            return false;
        }
        release(c, conversationId);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO agent (agent_id, status, capacity, active, skills, presence_at, updated_at)
                VALUES (?, 'OFFLINE', 0, 0, '{}', 'epoch', ?)
                ON CONFLICT (agent_id) DO NOTHING""")) {
            ps.setString(1, agentId);
            ps.setObject(2, Timestamptz.of(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE agent SET active = active + 1, last_assigned_at = ? WHERE agent_id = ?")) {
            ps.setObject(1, Timestamptz.of(now));
            ps.setString(2, agentId);
            ps.executeUpdate();
        }
        // ticket-service made this assignment itself: nothing to announce.
        insertAssignment(c, conversationId, agentId, now, true);
        return true;
    }

    /** An assignment committed but not yet known to be on Kafka. */
    public record Unannounced(String conversationId, String channelId, String agentId, Priority priority,
                              Instant assignedAt) {
    }

    /** Records that the assignment's event is on Kafka (no-op if the conversation moved on since). */
    public void markAnnounced(Connection c, String conversationId, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE assignment SET announced = TRUE WHERE conversation_id = ? AND agent_id = ? AND NOT announced")) {
            ps.setString(1, conversationId);
            ps.setString(2, agentId);
            ps.executeUpdate();
        }
    }

    /** Assignments made before {@code before} whose event was never confirmed on Kafka, oldest first. */
    public List<Unannounced> unannounced(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.conversation_id, cv.channel_id, s.agent_id, cv.priority, s.assigned_at
                  FROM assignment s JOIN conversation cv ON cv.conversation_id = s.conversation_id
                 WHERE NOT s.announced AND s.assigned_at < ?
                 ORDER BY s.assigned_at LIMIT ?""")) {
            ps.setObject(1, Timestamptz.of(before));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Unannounced> found = new ArrayList<>();
                while (rs.next()) {
                    String priority = rs.getString(4);
                    found.add(new Unannounced(rs.getString(1), rs.getString(2), rs.getString(3),
                            priority == null ? Priority.NORMAL : Priority.valueOf(priority),
                            Timestamptz.instant(rs, 5)));
                }
                return found;
            }
        }
    }

    /** Every known agent, by id. */
    public List<AgentCandidate> allAgents(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT agent_id, status, capacity, active, skills, last_assigned_at FROM agent ORDER BY agent_id""")) {
            return readAgents(ps);
        }
    }

    public List<AgentCandidate> eligibleAgents(Connection c, Set<String> requiredSkills) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT agent_id, status, capacity, active, skills, last_assigned_at FROM agent
                 WHERE status = 'ONLINE' AND active < capacity AND skills @> ?""")) {
            ps.setArray(1, SqlArrays.texts(c, requiredSkills));
            return readAgents(ps);
        }
    }

    private static List<AgentCandidate> readAgents(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<AgentCandidate> agents = new ArrayList<>();
            while (rs.next()) {
                agents.add(new AgentCandidate(rs.getString(1), AgentStatus.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getInt(4), Set.of((String[]) rs.getArray(5).getArray()), Timestamptz.instant(rs, 6)));
            }
            return agents;
        }
    }

    /** The atomic check-and-increment: true when the agent is ONLINE and had a free slot, now taken. */
    private static boolean takeSlot(Connection c, String agentId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE agent SET active = active + 1, last_assigned_at = ?
                 WHERE agent_id = ? AND status = 'ONLINE' AND active < capacity""")) {
            ps.setObject(1, Timestamptz.of(now));
            ps.setString(2, agentId);
            return ps.executeUpdate() == 1;
        }
    }

    private static void insertAssignment(Connection c, String conversationId, String agentId, Instant now,
                                         boolean announced) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO assignment (conversation_id, agent_id, assigned_at, announced) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, conversationId);
            ps.setString(2, agentId);
            ps.setObject(3, Timestamptz.of(now));
            ps.setBoolean(4, announced);
            ps.executeUpdate();
        }
    }
}
