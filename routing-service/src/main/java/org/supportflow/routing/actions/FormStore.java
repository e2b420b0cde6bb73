package org.supportflow.routing.actions;

import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pending form of each conversation; read and written under the conversation's row lock. */
public final class FormStore {

    public Optional<PendingForm> find(Connection c, String conversationId) throws SQLException {
        return Optional.ofNullable(findAll(c, List.of(conversationId)).get(conversationId));
    }

    /** The pending forms of any of these conversations, by conversation id, in one query. */
    public Map<String, PendingForm> findAll(Connection c, Collection<String> conversationIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT action, slot, attempts, language, conversation_id FROM action_form
                 WHERE conversation_id = ANY (?)""")) {
            ps.setArray(1, SqlArrays.texts(c, conversationIds, id -> id));
            Map<String, PendingForm> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(5), form(rs));
                }
            }
            return found;
        }
    }

    public void save(Connection c, String conversationId, PendingForm form, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO action_form (conversation_id, action, slot, attempts, started_at, language)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE
                   SET action = EXCLUDED.action, slot = EXCLUDED.slot, attempts = EXCLUDED.attempts""")) {
            ps.setString(1, conversationId);
            ps.setString(2, form.action());
            ps.setString(3, form.slot());
            ps.setInt(4, form.attempts());
            ps.setObject(5, Timestamptz.of(now));
            ps.setString(6, form.language());
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM action_form WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
    }

    private static PendingForm form(ResultSet rs) throws SQLException {
        return new PendingForm(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
    }
}
