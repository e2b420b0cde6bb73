package org.supportflow.analytics.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.facts.FactStoreException;
import org.supportflow.analytics.facts.Sql;
import org.supportflow.analytics.facts.TicketMilestone;
import org.supportflow.analytics.summary.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's queries over the facts tables, grouped in SQL by hour or UTC day. A message counts when it was
 * received; a conversation is new in the bucket of its first message ever (only conversations that started in the
 * range count, with all of their messages, as Intercom's reports count "new conversations");
 * a duration to when it ended (first agent reply, first resolution), a CSAT score to when it was given.
 */
@ApplicationScoped
public class TimeseriesRepository {

    private static final String NOT_UNDERSTOOD = "(intent is null or intent = 'out_of_scope' or confidence < ?)";

    private final AgroalDataSource dataSource;

    public TimeseriesRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public TimeseriesFacts load(TimeRange range, Bucket bucket, Optional<String> channelId, double threshold) {
        try (Connection connection = dataSource.getConnection()) {
            return new TimeseriesFacts(
                    channels(connection, range),
                    conversations(connection, range, bucket, channelId, threshold),
                    messages(connection, range, bucket, channelId, threshold),
                    keyCounts(connection, """
                            select date_trunc('%s', received_at at time zone 'UTC'), handoff_reason, count(*)
                              from message_fact where received_at >= ? and received_at < ? and route = 'HUMAN' %s
                             group by 1, 2""", range, bucket, channelId),
                    durations(connection, range, bucket, channelId, TicketMilestone.FIRST_REPLY),
                    durations(connection, range, bucket, channelId, TicketMilestone.RESOLUTION),
                    csat(connection, range, bucket, channelId),
                    keyCounts(connection, """
                            select date_trunc('%s', received_at at time zone 'UTC'), intent, count(*)
                              from message_fact where received_at >= ? and received_at < ? %s
                             group by 1, 2""", range, bucket, channelId));
        } catch (SQLException e) {
            throw new FactStoreException("could not compute the time series", e);
        }
    }

    private static String channelClause(Optional<String> channelId, String alias) {
        return channelId.isPresent() ? "and " + alias + "channel_id = ?" : "";
    }

    private static List<String> channels(Connection connection, TimeRange range) throws SQLException {
        String sql = "select distinct channel_id from message_fact where received_at >= ? and received_at < ?";
        List<String> channels = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.setInstant(statement, 1, range.from());
            Sql.setInstant(statement, 2, range.to());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    channels.add(rows.getString(1));
                }
            }
        }
        return channels;
    }

    private static List<TimeseriesFacts.ConversationRow> conversations(Connection connection, TimeRange range,
            Bucket bucket, Optional<String> channelId, double threshold) throws SQLException {
        // understood: a known intent, not out_of_scope, and a confidence not below the threshold (or none given)
        String sql = """
                with conv as (
                    select conversation_id, min(received_at) as first_at,
                           bool_or(route = 'BOT') as involved,
                           bool_or(route = 'BOT' and coalesce(not %2$s, true)) as answered
                      from message_fact
                     where conversation_id in (select conversation_id from message_fact
                                                where received_at >= ? and received_at < ? %3$s)
                     group by conversation_id
                    having min(received_at) >= ? and min(received_at) < ?
                ), flagged as (
                    select date_trunc('%1$s', first_at at time zone 'UTC') as bucket, involved, answered,
                           exists (select 1 from message_fact h
                                    where h.conversation_id = conv.conversation_id and h.route <> 'BOT') as handed_off
                      from conv
                )
                select bucket, count(*), count(*) filter (where involved),
                       count(*) filter (where involved and answered),
                       count(*) filter (where involved and not handed_off),
                       count(*) filter (where involved and answered and not handed_off),
                       count(*) filter (where handed_off)
                  from flagged group by bucket""".formatted(bucket.sqlUnit(), NOT_UNDERSTOOD,
                channelClause(channelId, ""));
        List<TimeseriesFacts.ConversationRow> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setDouble(++i, threshold);
            i = bindRange(statement, i, range, channelId);
            Sql.setInstant(statement, ++i, range.from());
            Sql.setInstant(statement, ++i, range.to());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new TimeseriesFacts.ConversationRow(bucketOf(rows),
                            new AutomationFigures(rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                                    rows.getLong(6)),
                            rows.getLong(7)));
                }
            }
        }
        return result;
    }

    private static List<TimeseriesFacts.MessageRow> messages(Connection connection, TimeRange range, Bucket bucket,
            Optional<String> channelId, double threshold) throws SQLException {
        String sql = """
                select date_trunc('%s', received_at at time zone 'UTC'), count(*),
                       count(*) filter (where route = 'HUMAN'), count(*) filter (where %s)
                  from message_fact where received_at >= ? and received_at < ? %s
                 group by 1""".formatted(bucket.sqlUnit(), NOT_UNDERSTOOD, channelClause(channelId, ""));
        List<TimeseriesFacts.MessageRow> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setDouble(++i, threshold);
            bindRange(statement, i, range, channelId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new TimeseriesFacts.MessageRow(bucketOf(rows), rows.getLong(2), rows.getLong(3),
                            rows.getLong(4)));
                }
            }
        }
        return result;
    }

    private static List<TimeseriesFacts.KeyCount> keyCounts(Connection connection, String template, TimeRange range,
            Bucket bucket, Optional<String> channelId) throws SQLException {
        String sql = template.formatted(bucket.sqlUnit(), channelClause(channelId, ""));
        List<TimeseriesFacts.KeyCount> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindRange(statement, 0, range, channelId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new TimeseriesFacts.KeyCount(bucketOf(rows), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        return result;
    }

    /** Like the summary's durations: creation to the first milestone event, for tickets reaching it in the range. */
    private static List<TimeseriesFacts.Duration> durations(Connection connection, TimeRange range, Bucket bucket,
            Optional<String> channelId, TicketMilestone milestone) throws SQLException {
        String sql = """
                with candidates as (
                    select distinct ticket_id from ticket_fact
                     where %1$s and occurred_at >= ? and occurred_at < ? %3$s
                ), reached as (
                    select t.ticket_id, min(t.occurred_at) as reached_at
                      from ticket_fact t join candidates c on c.ticket_id = t.ticket_id
                     where %1$s group by t.ticket_id
                ), created as (
                    select t.ticket_id, min(t.occurred_at) as created_at
                      from ticket_fact t join candidates c on c.ticket_id = t.ticket_id
                     where t.type = 'CREATED' group by t.ticket_id
                )
                select date_trunc('%2$s', r.reached_at at time zone 'UTC'),
                       extract(epoch from (r.reached_at - c.created_at))
                  from reached r join created c on c.ticket_id = r.ticket_id
                 where r.reached_at >= ? and r.reached_at < ? and r.reached_at >= c.created_at"""
                .formatted(milestone.condition(), bucket.sqlUnit(), channelClause(channelId, ""));
        List<TimeseriesFacts.Duration> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = bindRange(statement, 0, range, channelId);
            Sql.setInstant(statement, ++i, range.from());
            Sql.setInstant(statement, ++i, range.to());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new TimeseriesFacts.Duration(bucketOf(rows), rows.getDouble(2)));
                }
            }
        }
        return result;
    }

    private static List<TimeseriesFacts.Csat> csat(Connection connection, TimeRange range, Bucket bucket,
            Optional<String> channelId) throws SQLException {
        String sql = """
                select date_trunc('%s', occurred_at at time zone 'UTC'), channel_id, sum(csat_score), count(*)
                  from (select distinct on (ticket_id) channel_id, csat_score, occurred_at from ticket_fact
                         where type = 'CSAT_RECORDED' and occurred_at >= ? and occurred_at < ? %s
                         order by ticket_id, occurred_at desc, event_id desc) latest
                 group by 1, 2""".formatted(bucket.sqlUnit(), channelClause(channelId, ""));
        List<TimeseriesFacts.Csat> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindRange(statement, 0, range, channelId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new TimeseriesFacts.Csat(bucketOf(rows), rows.getString(2), rows.getLong(3),
                            rows.getLong(4)));
                }
            }
        }
        return result;
    }

    /** Binds from, to and (when filtering) the channel id after index {@code i}; returns the last index bound. */
    private static int bindRange(PreparedStatement statement, int i, TimeRange range, Optional<String> channelId)
            throws SQLException {
        Sql.setInstant(statement, ++i, range.from());
        Sql.setInstant(statement, ++i, range.to());
        if (channelId.isPresent()) {
            statement.setString(++i, channelId.get());
        }
        return i;
    }

    /** The bucket column: a UTC wall-clock timestamp from date_trunc. */
    private static Instant bucketOf(ResultSet rows) throws SQLException {
        return rows.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
