package org.supportflow.routing.queue;

import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The waiting queue in PostgreSQL, ordered by priority (highest first) then waiting time
 * ({@link QueueEntry#SERVICE_ORDER}). Runs on the caller's connection and transaction.
 */
public final class QueueStore {

    /** Queues the conversation; a conversation already waiting keeps its place and gets the higher priority. */
    public void enqueue(Connection c, QueueEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO queue_entry (conversation_id, channel_id, message_id, priority, priority_rank,
                                         required_skills, enqueued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE
                   SET priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank
                 WHERE queue_entry.priority_rank < EXCLUDED.priority_rank""")) {
            ps.setString(1, entry.conversationId());
            ps.setString(2, entry.channelId());
            ps.setString(3, entry.messageId());
            ps.setString(4, entry.priority().name());
            ps.setInt(5, entry.priority().ordinal());
            ps.setArray(6, SqlArrays.texts(c, entry.requiredSkills()));
            ps.setObject(7, Timestamptz.of(entry.enqueuedAt()));
            ps.executeUpdate();
        }
    }

    /** Raises a waiting conversation's priority (never lowers it); no-op when it is not waiting. */
    public void raisePriority(Connection c, String conversationId, Priority priority) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE queue_entry SET priority = ?, priority_rank = ?
                 WHERE conversation_id = ? AND priority_rank < ?""")) {
            ps.setString(1, priority.name());
            ps.setInt(2, priority.ordinal());
            ps.setString(3, conversationId);
            ps.setInt(4, priority.ordinal());
            ps.executeUpdate();
        }
    }

    /** Sets a waiting conversation's priority (an agent changed the ticket's); no-op when it is not waiting. */
    public void setPriority(Connection c, String conversationId, Priority priority) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE queue_entry SET priority = ?, priority_rank = ? WHERE conversation_id = ?")) {
            ps.setString(1, priority.name());
            ps.setInt(2, priority.ordinal());
            ps.setString(3, conversationId);
            ps.executeUpdate();
        }
    }

    public boolean remove(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue_entry WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<QueueEntry> find(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Whether a conversation waiting ahead of this one (in service order) could be served now by an agent who could
     * also serve this one: an ONLINE agent with a free slot and the skills of both. A drain that walks the queue
     * finds that when a slot freed behind it, after it had passed over the conversations ahead; giving the slot to
     * this one would then jump the queue.
     */
    public boolean servableAhead(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (
                  SELECT 1 FROM queue_entry me
                    JOIN queue_entry ahead
                      ON ahead.priority_rank > me.priority_rank
                      OR (ahead.priority_rank = me.priority_rank
                          AND (ahead.enqueued_at, ahead.conversation_id) < (me.enqueued_at, me.conversation_id))
                    JOIN agent a
                      ON a.status = 'ONLINE' AND a.active < a.capacity
                     AND a.skills @> ahead.required_skills AND a.skills @> me.required_skills
                   WHERE me.conversation_id = ?)""")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The first {@code limit} waiting conversations in service order. */
    public List<QueueEntry> waiting(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " ORDER BY priority_rank DESC, enqueued_at, conversation_id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<QueueEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(map(rs));
                }
                return entries;
            }
        }
    }

    public int size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM queue_entry");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static final String SELECT = """
            SELECT conversation_id, channel_id, message_id, priority, required_skills, enqueued_at
              FROM queue_entry""";

    private static QueueEntry map(ResultSet rs) throws SQLException {
        return new QueueEntry(rs.getString(1), rs.getString(2), rs.getString(3), Priority.valueOf(rs.getString(4)),
                Set.of((String[]) rs.getArray(5).getArray()), Timestamptz.instant(rs, 6));
    }
}
