package org.supportflow.analytics.facts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes and reads the facts tables. Inserts are idempotent ({@code ON CONFLICT DO NOTHING}) and
 * report whether the row is new, so that callers count an event once however often it is delivered.
 * Runs inside the caller's transaction (Agroal connections enlist in the JTA transaction).
 */
@ApplicationScoped
public class FactStore {

    private final AgroalDataSource dataSource;

    public FactStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a message fact; {@code false} if the event (or the same conversation message) is known. */
    public boolean insertMessage(MessageFact fact) {
        return !insertMessages(List.of(fact)).isEmpty();
    }

    /**
     * Stores message facts with one statement per {@value #ROWS_PER_INSERT} facts, skipping known events and
     * conversation messages (also a repeat within the list: the first one counts).
     *
     * @return the event ids of the facts that are new
     */
    public Set<String> insertMessages(List<MessageFact> facts) {
        Set<String> stored = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < facts.size(); from += ROWS_PER_INSERT) {
                List<MessageFact> chunk = facts.subList(from, Math.min(facts.size(), from + ROWS_PER_INSERT));
                try (PreparedStatement statement = connection.prepareStatement(insertMessagesSql(chunk.size()))) {
                    int i = 0;
                    for (MessageFact fact : chunk) {
                        i = bindMessage(statement, i, fact);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            stored.add(rows.getString(1));
                        }
                    }
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new FactStoreException("could not store message facts", e);
        }
    }

    /** Bounds the statement's parameters (25 a fact) well below PostgreSQL's 32767; a poll (500 records) is one. */
    static final int ROWS_PER_INSERT = 500;

    /** The columns of a message fact's row. */
    private static final int COLUMNS = 25;

    private static String insertMessagesSql(int rows) {
        StringBuilder sql = new StringBuilder("""
                insert into message_fact (event_id, conversation_id, message_id, channel_id, channel_type,
                    customer_key, received_at, routed_at, language, intent, confidence, sentiment, route,
                    handoff_reason, priority, after_hours, masked_text, action_name, action_step, action_attempt,
                    action_completes_form, action_call_outcome, action_call_failed, action_http_status, action_millis)
                values\s""");
        String row = "(" + String.join(", ", Collections.nCopies(COLUMNS, "?")) + ")";
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(" on conflict do nothing returning event_id").toString();
    }

    private static int bindMessage(PreparedStatement statement, int i, MessageFact fact) throws SQLException {
        statement.setString(++i, fact.eventId());
        statement.setString(++i, fact.conversationId());
        statement.setString(++i, fact.messageId());
        statement.setString(++i, fact.channelId());
        statement.setString(++i, fact.channelType());
        statement.setString(++i, fact.customerKey());
        Sql.setInstant(statement, ++i, fact.receivedAt());
        Sql.setInstant(statement, ++i, fact.routedAt());
        statement.setString(++i, fact.language());
        statement.setString(++i, fact.intent());
        Sql.setDouble(statement, ++i, fact.confidence());
        statement.setString(++i, fact.sentiment());
        statement.setString(++i, fact.route());
        statement.setString(++i, fact.handoffReason());
        statement.setString(++i, fact.priority());
        statement.setBoolean(++i, fact.afterHours());
        statement.setString(++i, fact.maskedText());
        ActionFact action = fact.action();
        statement.setString(++i, action == null ? null : action.name());
        statement.setString(++i, action == null ? null : action.step());
        Sql.setInteger(statement, ++i, action == null ? null : action.attempt());
        Sql.setBoolean(statement, ++i, action == null ? null : action.completesForm());
        statement.setString(++i, action == null ? null : action.callOutcome());
        Sql.setBoolean(statement, ++i, action == null ? null : action.callFailed());
        Sql.setInteger(statement, ++i, action == null ? null : action.httpStatus());
        Sql.setLong(statement, ++i, action == null ? null : action.millis());
        return i;
    }

    /** Stores a ticket fact; {@code false} if the event is known. */
    public boolean insertTicket(TicketFact fact) {
        String sql = """
                insert into ticket_fact (event_id, ticket_id, conversation_id, channel_id, type, status, priority,
                    handoff_reason, intent, csat_score, sla, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setString(++i, fact.eventId());
            statement.setString(++i, fact.ticketId());
            statement.setString(++i, fact.conversationId());
            statement.setString(++i, fact.channelId());
            statement.setString(++i, fact.type());
            statement.setString(++i, fact.status());
            statement.setString(++i, fact.priority());
            statement.setString(++i, fact.handoffReason());
            statement.setString(++i, fact.intent());
            if (fact.csatScore() == null) {
                statement.setNull(++i, Types.SMALLINT);
            } else {
                statement.setShort(++i, fact.csatScore().shortValue());
            }
            statement.setString(++i, fact.sla());
            Sql.setInstant(statement, ++i, fact.occurredAt());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FactStoreException("could not store a ticket fact", e);
        }
    }

    /** When the ticket was created (its earliest {@code CREATED} event), if known. */
    public Optional<Instant> ticketCreatedAt(String ticketId) {
        String sql = "select min(occurred_at) from ticket_fact where ticket_id = ? and type = 'CREATED'";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            return readInstant(statement);
        } catch (SQLException e) {
            throw new FactStoreException("could not read ticket facts", e);
        }
    }

    /**
     * Whether another event of the ticket reached the milestone no later than {@code at}: then the
     * event at hand is not the first one and measures nothing.
     */
    public boolean milestoneReachedBefore(String ticketId, TicketMilestone milestone, Instant at, String exceptEventId) {
        String sql = "select 1 from ticket_fact where ticket_id = ? and " + milestone.condition()
                + " and occurred_at <= ? and event_id <> ? limit 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            Sql.setInstant(statement, 2, at);
            statement.setString(3, exceptEventId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new FactStoreException("could not read ticket facts", e);
        }
    }

    /** Which of these conversations had their texts erased (one query for a poll). */
    public Set<String> erased(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select conversation_id from erased_conversation where conversation_id = any(?::varchar[])")) {
            statement.setArray(1, connection.createArrayOf("varchar", conversationIds.toArray(String[]::new)));
            Set<String> erased = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    erased.add(rows.getString(1));
                }
            }
            return erased;
        } catch (SQLException e) {
            throw new FactStoreException("could not read erased conversations", e);
        }
    }

    /**
     * Clears the masked texts and customer keys of the listed conversations and of every conversation
     * of the customer key, and remembers those conversations as erased. Counts are untouched.
     *
     * @return the number of messages whose text or key was cleared, and of conversations marked erased
     */
    public ErasureCount erase(Collection<String> conversationIds, String customerKey, Instant erasedAt) {
        String[] ids = conversationIds.toArray(String[]::new);
        String markErased = """
                insert into erased_conversation (conversation_id, erased_at)
                select distinct conversation_id, ? from (
                    select unnest(?::varchar[]) as conversation_id
                    union
                    select conversation_id from message_fact where customer_key = ?
                ) erased
                on conflict do nothing""";
        String clear = """
                update message_fact
                   set masked_text = null, customer_key = null, erased_at = ?
                 where (conversation_id = any(?::varchar[]) or customer_key = ?)
                   and (masked_text is not null or customer_key is not null)""";
        try (Connection connection = dataSource.getConnection()) {
            int conversations;
            try (PreparedStatement statement = connection.prepareStatement(markErased)) {
                Sql.setInstant(statement, 1, erasedAt);
                statement.setArray(2, connection.createArrayOf("varchar", ids));
                statement.setString(3, customerKey);
                conversations = statement.executeUpdate();
            }
            int messages;
            try (PreparedStatement statement = connection.prepareStatement(clear)) {
                Sql.setInstant(statement, 1, erasedAt);
                statement.setArray(2, connection.createArrayOf("varchar", ids));
                statement.setString(3, customerKey);
                messages = statement.executeUpdate();
            }
            return new ErasureCount(conversations, messages);
        } catch (SQLException e) {
            throw new FactStoreException("could not erase conversation texts", e);
        }
    }

    /** Records a processed erasure request (no customer id); {@code false} if it was processed before. */
    public boolean logErasure(String eventId, Instant requestedAt, ErasureCount count) {
        String sql = """
                insert into erasure_log (event_id, requested_at, conversations, messages_erased)
                values (?, ?, ?, ?) on conflict do nothing""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, eventId);
            Sql.setInstant(statement, 2, requestedAt);
            statement.setInt(3, count.conversations());
            statement.setInt(4, count.messages());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FactStoreException("could not log an erasure", e);
        }
    }

    public record ErasureCount(int conversations, int messages) {
    }

    private static Optional<Instant> readInstant(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(Sql.getInstant(rows, 1)) : Optional.empty();
        }
    }
}
