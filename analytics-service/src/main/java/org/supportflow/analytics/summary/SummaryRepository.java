package org.supportflow.analytics.summary;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.facts.FactStoreException;
import org.supportflow.analytics.facts.Sql;
import org.supportflow.analytics.facts.TicketMilestone;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's queries over the facts tables. Message figures are attributed to the time the customer
 * message was received; durations to the time they complete (first agent reply, first resolution), like
 * a Prometheus timer, so a past range's figures stay stable.
 */
@ApplicationScoped
public class SummaryRepository {

    /** A conversation was handed off if any of its messages (at any time) was routed to a human. */
    private static final String HANDED_OFF = """
            exists (select 1 from message_fact h
                     where h.conversation_id = conv.conversation_id and h.route <> 'BOT')""";

    private static final String NOT_UNDERSTOOD = "(intent is null or intent = 'out_of_scope' or confidence < ?)";

    private final AgroalDataSource dataSource;

    public SummaryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Conversations with a message in the range, and how many of them were handed off. */
    public record ConversationCounts(long conversations, long handedOff) {
    }

    /** What the summary needs besides the range. */
    public record Limits(int topIntents, int unrecognized, double confidenceThreshold) {
    }

    public SummaryFacts load(TimeRange range, Limits limits) {
        try (Connection connection = dataSource.getConnection()) {
            ConversationCounts conversations = conversationCounts(connection, range);
            long[] messages = longs(connection, """
                    select count(*), count(*) filter (where route = 'HUMAN')
                      from message_fact where received_at >= ? and received_at < ?""", range, 2);
            long[] csat = longs(connection, """
                    select coalesce(sum(csat_score), 0), count(*) from (
                        select distinct on (ticket_id) csat_score from ticket_fact
                         where type = 'CSAT_RECORDED' and occurred_at >= ? and occurred_at < ?
                         order by ticket_id, occurred_at desc, event_id desc) latest""", range, 2);
            long[] tickets = longs(connection, """
                    select count(distinct ticket_id) filter (where type = 'CREATED'),
                           count(*) filter (where type = 'SLA_BREACHED')
                      from ticket_fact where occurred_at >= ? and occurred_at < ?""", range, 2);
            return new SummaryFacts(
                    conversations.conversations(),
                    conversations.handedOff(),
                    messages[0],
                    messages[1],
                    handoffReasons(connection, range),
                    topIntents(connection, range, limits.topIntents()),
                    unrecognizedCount(connection, range, limits.confidenceThreshold()),
                    unrecognized(connection, range, limits),
                    durations(connection, range, TicketMilestone.FIRST_REPLY),
                    durations(connection, range, TicketMilestone.RESOLUTION),
                    csat[0],
                    csat[1],
                    tickets[0],
                    tickets[1],
                    channels(connection, range),
                    days(connection, range));
        } catch (SQLException e) {
            throw new FactStoreException("could not compute the summary", e);
        }
    }

    /** Conversation counts of a range alone (for the rate gauges). */
    public ConversationCounts conversationCounts(TimeRange range) {
        try (Connection connection = dataSource.getConnection()) {
            return conversationCounts(connection, range);
        } catch (SQLException e) {
            throw new FactStoreException("could not count conversations", e);
        }
    }

    private static ConversationCounts conversationCounts(Connection connection, TimeRange range) throws SQLException {
        long[] counts = longs(connection, """
                with conv as (
                    select distinct conversation_id from message_fact where received_at >= ? and received_at < ?
                )
                select count(*), count(*) filter (where %s) from conv""".formatted(HANDED_OFF), range, 2);
        return new ConversationCounts(counts[0], counts[1]);
    }

    private static Map<String, Long> handoffReasons(Connection connection, TimeRange range) throws SQLException {
        String sql = """
                select handoff_reason, count(*) from message_fact
                 where received_at >= ? and received_at < ? and route = 'HUMAN'
                 group by handoff_reason""";
        Map<String, Long> reasons = new HashMap<>();
        try (PreparedStatement statement = prepare(connection, sql, range); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reasons.put(rows.getString(1), rows.getLong(2));
            }
        }
        return reasons;
    }

    private static List<AnalyticsSummary.IntentCount> topIntents(Connection connection, TimeRange range, int limit)
            throws SQLException {
        String sql = """
                select coalesce(intent, 'unknown') as intent, count(*) as n from message_fact
                 where received_at >= ? and received_at < ?
                 group by 1 order by n desc, intent asc limit ?""";
        List<AnalyticsSummary.IntentCount> intents = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, range)) {
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    intents.add(new AnalyticsSummary.IntentCount(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return intents;
    }

    private static long unrecognizedCount(Connection connection, TimeRange range, double threshold)
            throws SQLException {
        String sql = "select count(*) from message_fact where received_at >= ? and received_at < ? and "
                + NOT_UNDERSTOOD;
        try (PreparedStatement statement = prepare(connection, sql, range)) {
            statement.setDouble(3, threshold);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<AnalyticsSummary.UnrecognizedMessage> unrecognized(Connection connection, TimeRange range,
                                                                           Limits limits) throws SQLException {
        String sql = """
                select received_at, channel_id, channel_type, language, intent, confidence, masked_text
                  from message_fact
                 where received_at >= ? and received_at < ? and %s and masked_text is not null
                 order by received_at desc, event_id
                 limit ?""".formatted(NOT_UNDERSTOOD);
        List<AnalyticsSummary.UnrecognizedMessage> messages = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, range)) {
            statement.setDouble(3, limits.confidenceThreshold());
            statement.setInt(4, limits.unrecognized());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(new AnalyticsSummary.UnrecognizedMessage(
                            Sql.getInstant(rows, "received_at"),
                            rows.getString("channel_id"),
                            rows.getString("channel_type"),
                            rows.getString("language"),
                            rows.getString("intent"),
                            Sql.getDouble(rows, "confidence"),
                            rows.getString("masked_text")));
                }
            }
        }
        return messages;
    }

    /**
     * Seconds from each ticket's creation to the first event matching {@code milestone}, for the tickets
     * whose first such event falls in the range.
     */
    private static List<Double> durations(Connection connection, TimeRange range, TicketMilestone milestone)
            throws SQLException {
        String sql = """
                with candidates as (
                    select distinct ticket_id from ticket_fact
                     where %1$s and occurred_at >= ? and occurred_at < ?
                ), reached as (
                    select t.ticket_id, min(t.occurred_at) as reached_at
                      from ticket_fact t join candidates c on c.ticket_id = t.ticket_id
                     where %1$s group by t.ticket_id
                ), created as (
                    select t.ticket_id, min(t.occurred_at) as created_at
                      from ticket_fact t join candidates c on c.ticket_id = t.ticket_id
                     where t.type = 'CREATED' group by t.ticket_id
                )
                select extract(epoch from (r.reached_at - c.created_at))
                  from reached r join created c on c.ticket_id = r.ticket_id
                 where r.reached_at >= ? and r.reached_at < ? and r.reached_at >= c.created_at"""
                .formatted(milestone.condition());
        List<Double> seconds = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.setInstant(statement, 1, range.from());
            Sql.setInstant(statement, 2, range.to());
            Sql.setInstant(statement, 3, range.from());
            Sql.setInstant(statement, 4, range.to());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seconds.add(rows.getDouble(1));
                }
            }
        }
        return seconds;
    }

    private static List<SummaryFacts.ChannelFacts> channels(Connection connection, TimeRange range)
            throws SQLException {
        String sql = """
                with conv as (
                    select coalesce(channel_id, 'unknown') as channel_id, conversation_id,
                           max(channel_type) as channel_type, count(*) as messages,
                           count(*) filter (where route = 'HUMAN') as handoffs
                      from message_fact where received_at >= ? and received_at < ?
                     group by 1, 2
                )
                select channel_id, max(channel_type), count(*), count(*) filter (where %s),
                       sum(messages), sum(handoffs)
                  from conv group by channel_id order by channel_id""".formatted(HANDED_OFF);
        List<SummaryFacts.ChannelFacts> channels = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, range); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                channels.add(new SummaryFacts.ChannelFacts(rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getLong(4), rows.getLong(5), rows.getLong(6)));
            }
        }
        return channels;
    }

    private static List<SummaryFacts.DayFacts> days(Connection connection, TimeRange range) throws SQLException {
        String sql = """
                with conv as (
                    select (received_at at time zone 'UTC')::date as day, conversation_id, count(*) as messages,
                           count(*) filter (where route = 'HUMAN') as handoffs
                      from message_fact where received_at >= ? and received_at < ?
                     group by 1, 2
                )
                select day, count(*), count(*) filter (where %s), sum(messages), sum(handoffs)
                  from conv group by day order by day""".formatted(HANDED_OFF);
        List<SummaryFacts.DayFacts> days = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, range); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                days.add(new SummaryFacts.DayFacts(rows.getObject(1, LocalDate.class), rows.getLong(2),
                        rows.getLong(3), rows.getLong(4), rows.getLong(5)));
            }
        }
        return days;
    }

    private static PreparedStatement prepare(Connection connection, String sql, TimeRange range) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            Sql.setInstant(statement, 1, range.from());
            Sql.setInstant(statement, 2, range.to());
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static long[] longs(Connection connection, String sql, TimeRange range, int columns) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, range); ResultSet rows = statement.executeQuery()) {
            long[] values = new long[columns];
            if (rows.next()) {
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getLong(i + 1);
                }
            }
            return values;
        }
    }
}
