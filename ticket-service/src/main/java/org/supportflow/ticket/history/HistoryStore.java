package org.supportflow.ticket.history;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code conversation_history} through plain JDBC (no entity per row): a poll's rows in one multi-row insert,
 * idempotent on the natural key. Joins the caller's transaction (the data source is transaction-aware).
 */
@ApplicationScoped
public class HistoryStore {

    private static final String COLUMNS = """
            conversation_id, message_id, source, customer_id, author, kind, agent_id, in_reply_to, text, quick_replies,
            occurred_at, created_at, erased, masked_text, language, intent, confidence, sentiment, sentiment_score,
            urgency, nlu_model, route, answer_id, answer_text, entities, action""";
    private static final int COLUMN_COUNT = 26;
    /** Rows per statement: far below PostgreSQL's 32,767 bind parameters. */
    private static final int ROWS_PER_STATEMENT = 500;

    private final AgroalDataSource dataSource;

    public HistoryStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the entries; one already there (a redelivered event) is left as it is. Returns rows added. */
    public int append(List<HistoryEntry> entries, Instant now) {
        int added = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
                List<HistoryEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
                StringBuilder sql = new StringBuilder("insert into conversation_history (").append(COLUMNS)
                        .append(") values ");
                // the last column, action, is jsonb: a text parameter needs the cast
                String row = "(" + "?,".repeat(COLUMN_COUNT - 1) + "cast(? as jsonb))";
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ",").append(row);
                }
                sql.append(" on conflict (conversation_id, message_id, source) do nothing");
                try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (HistoryEntry entry : chunk) {
                        insert.setString(p++, entry.conversationId());
                        insert.setString(p++, entry.messageId());
                        insert.setString(p++, entry.source().name());
                        insert.setString(p++, entry.customerId());
                        insert.setString(p++, entry.author() == null ? null : entry.author().name());
                        insert.setString(p++, entry.kind());
                        insert.setString(p++, entry.agentId());
                        insert.setString(p++, entry.inReplyTo());
                        insert.setString(p++, entry.text());
                        insert.setString(p++, entry.quickReplies());
                        insert.setObject(p++, Timestamptz.of(entry.occurredAt()));
                        insert.setObject(p++, Timestamptz.of(now));
                        insert.setBoolean(p++, entry.erased());
                        insert.setString(p++, entry.maskedText());
                        insert.setString(p++, entry.language());
                        insert.setString(p++, entry.intent());
                        setDouble(insert, p++, entry.confidence());
                        insert.setString(p++, entry.sentiment());
                        setDouble(insert, p++, entry.sentimentScore());
                        insert.setString(p++, entry.urgency());
                        insert.setString(p++, entry.nluModel());
                        insert.setString(p++, entry.route());
                        insert.setString(p++, entry.answerId());
                        insert.setString(p++, entry.answerText());
                        insert.setString(p++, entry.entities());
                        insert.setString(p++, entry.action());
                    }
                    added += insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("appending " + entries.size() + " history rows failed", e);
        }
        return added;
    }

    /** The conversation's history rows, oldest first. */
    public List<HistoryEntry> of(String conversationId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                     + " from conversation_history where conversation_id = ? order by occurred_at, message_id, source")) {
            select.setString(1, conversationId);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new DataAccessException("reading the history of a conversation failed", e);
        }
    }

    /**
     * Which of these conversations take the full ticket path: those with a ticket a customer message can still
     * change (active, solved and reopenable, or waiting for a CSAT answer). One query for a whole poll.
     */
    public Set<String> withTicket(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select distinct conversation_id from ticket
                     where conversation_id = any (?)
                       and (status in ('NEW', 'OPEN', 'PENDING', 'SOLVED') or csat_status = 'AWAITING')""")) {
            select.setArray(1, SqlArrays.texts(connection, conversationIds));
            Set<String> found = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new DataAccessException("looking up the tickets of a poll's conversations failed", e);
        }
    }

    /** Retention: deletes up to {@code limit} rows older than {@code cutoff} of conversations that never had a ticket. */
    public int deleteBefore(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("""
                     delete from conversation_history where ctid in (
                         select h.ctid from conversation_history h
                         where h.created_at < ?
                           and not exists (select 1 from ticket t where t.conversation_id = h.conversation_id)
                         limit ?)""")) {
            delete.setObject(1, Timestamptz.of(cutoff));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("deleting old history failed", e);
        }
    }

    private static HistoryEntry read(ResultSet rows) throws SQLException {
        String author = rows.getString("author");
        return new HistoryEntry(rows.getString("conversation_id"), rows.getString("message_id"),
                HistoryEntry.Source.valueOf(rows.getString("source")), rows.getString("customer_id"),
                author == null ? null : Author.valueOf(author), rows.getString("kind"), rows.getString("agent_id"),
                rows.getString("in_reply_to"), rows.getString("text"), rows.getString("quick_replies"),
                rows.getTimestamp("occurred_at").toInstant(), rows.getBoolean("erased"), rows.getString("masked_text"),
                rows.getString("language"), rows.getString("intent"), getDouble(rows, "confidence"),
                rows.getString("sentiment"), getDouble(rows, "sentiment_score"), rows.getString("urgency"),
                rows.getString("nlu_model"), rows.getString("route"), rows.getString("answer_id"),
                rows.getString("answer_text"), rows.getString("entities"), rows.getString("action"));
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
