package org.supportflow.analytics.facts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.web.jdbc.SqlArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * Stores ticket facts with one statement however many there are (the rows travel as one array per column, so
     * the statement's parameters do not grow with them), skipping known events (also a repeat within the list:
     * the first one counts). The rows go in event-id order: two transactions storing some of the same events
     * wait for each other instead of deadlocking.
     *
     * @return the event ids of the facts that are new
     */
    public Set<String> insertTickets(List<TicketFact> facts) {
        if (facts.isEmpty()) {
            return Set.of();
        }
        String sql = """
                insert into ticket_fact (event_id, ticket_id, conversation_id, channel_id, type, status, priority,
                    handoff_reason, intent, csat_score, sla, occurred_at)
                select event_id, ticket_id, conversation_id, channel_id, type, status, priority,
                       handoff_reason, intent, csat_score, sla, occurred_at
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::int[], ?::text[], ?::timestamptz[])
                       with ordinality as t(event_id, ticket_id, conversation_id, channel_id, type, status, priority,
                                            handoff_reason, intent, csat_score, sla, occurred_at, n)
                 order by event_id, n
                on conflict do nothing
                returning event_id""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, facts, TicketFact::eventId));
            statement.setArray(2, SqlArrays.texts(connection, facts, TicketFact::ticketId));
            statement.setArray(3, SqlArrays.texts(connection, facts, TicketFact::conversationId));
            statement.setArray(4, SqlArrays.texts(connection, facts, TicketFact::channelId));
            statement.setArray(5, SqlArrays.texts(connection, facts, TicketFact::type));
            statement.setArray(6, SqlArrays.texts(connection, facts, TicketFact::status));
            statement.setArray(7, SqlArrays.texts(connection, facts, TicketFact::priority));
            statement.setArray(8, SqlArrays.texts(connection, facts, TicketFact::handoffReason));
            statement.setArray(9, SqlArrays.texts(connection, facts, TicketFact::intent));
            statement.setArray(10, SqlArrays.ints(connection, facts, TicketFact::csatScore));
            statement.setArray(11, SqlArrays.texts(connection, facts, TicketFact::sla));
            statement.setArray(12, SqlArrays.instants(connection, facts, TicketFact::occurredAt));
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new FactStoreException("could not store ticket facts", e);
        }
    }

    /**
     * What the stored facts of these tickets tell of them (one query for a poll), leaving out the listed events'
     * facts: the facts a poll has just stored, so that its events are measured against those before them only.
     * A ticket without facts is absent.
     */
    public Map<String, TicketProgress> ticketProgress(Collection<String> ticketIds, Collection<String> exceptEventIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        StringBuilder sql = new StringBuilder(
                "select ticket_id, min(occurred_at) filter (where type = 'CREATED')");
        for (TicketMilestone milestone : TicketMilestone.values()) {
            sql.append(", min(occurred_at) filter (where ").append(milestone.condition()).append(')');
        }
        sql.append("""
                 from ticket_fact
                 where ticket_id = any(?::varchar[]) and not (event_id = any(?::varchar[]))
                 group by ticket_id""");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setArray(1, SqlArrays.texts(connection, ticketIds));
            statement.setArray(2, SqlArrays.texts(connection, exceptEventIds));
            Map<String, TicketProgress> progress = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<TicketMilestone, Instant> reached = new EnumMap<>(TicketMilestone.class);
                    for (TicketMilestone milestone : TicketMilestone.values()) {
                        Instant at = Sql.getInstant(rows, 3 + milestone.ordinal());
                        if (at != null) {
                            reached.put(milestone, at);
                        }
                    }
                    progress.put(rows.getString(1), new TicketProgress(Sql.getInstant(rows, 2), reached));
                }
            }
            return progress;
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
            statement.setArray(1, SqlArrays.texts(connection, conversationIds));
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
                statement.setArray(2, SqlArrays.texts(connection, conversationIds));
                statement.setString(3, customerKey);
                conversations = statement.executeUpdate();
            }
            int messages;
            try (PreparedStatement statement = connection.prepareStatement(clear)) {
                Sql.setInstant(statement, 1, erasedAt);
                statement.setArray(2, SqlArrays.texts(connection, conversationIds));
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
}
