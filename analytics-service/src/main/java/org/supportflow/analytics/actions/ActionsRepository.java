package org.supportflow.analytics.actions;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.facts.FactStoreException;
import org.supportflow.analytics.facts.Sql;
import org.supportflow.analytics.summary.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions' queries over {@code message_fact}'s action columns (migration V6). Like every message figure, a
 * step belongs to the range in which its customer message was received.
 */
@ApplicationScoped
public class ActionsRepository {

    private final AgroalDataSource dataSource;

    public ActionsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One action's counts as SQL gives them; {@code meanMillis}/{@code p95Millis} null without calls. */
    public record ActionRow(String action, long calls, long failures, Double meanMillis, Double p95Millis,
                            long started, long completed, long abandoned, long gaveUp, long identityRequired,
                            Map<String, Long> outcomes) {
    }

    /** The actions with any step in the range, sorted by name. */
    public List<ActionRow> load(TimeRange range, Optional<String> channelId) {
        // percentile_cont: linear interpolation between closest ranks, like the summary's percentiles
        String sql = """
                select action_name,
                       count(*) filter (where action_step = 'CALLED'),
                       count(*) filter (where action_step = 'CALLED' and action_call_failed),
                       avg(action_millis) filter (where action_step = 'CALLED'),
                       percentile_cont(0.95) within group (order by action_millis)
                           filter (where action_step = 'CALLED'),
                       count(*) filter (where action_step = 'ASKED' and action_attempt = 0),
                       count(*) filter (where action_step = 'CALLED' and action_completes_form),
                       count(*) filter (where action_step = 'ABANDONED'),
                       count(*) filter (where action_step = 'GAVE_UP'),
                       count(*) filter (where action_step = 'IDENTITY_REQUIRED')
                  from message_fact
                 where received_at >= ? and received_at < ? and action_name is not null %s
                 group by action_name order by action_name""".formatted(channelClause(channelId));
        String outcomesSql = """
                select action_name, action_call_outcome, count(*) from message_fact
                 where received_at >= ? and received_at < ? and action_name is not null
                   and action_step = 'CALLED' %s
                 group by 1, 2""".formatted(channelClause(channelId));
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Map<String, Long>> outcomes = new HashMap<>();
            try (PreparedStatement statement = prepare(connection, outcomesSql, range, channelId);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    outcomes.computeIfAbsent(rows.getString(1), name -> new HashMap<>())
                            .put(rows.getString(2), rows.getLong(3));
                }
            }
            List<ActionRow> actions = new ArrayList<>();
            try (PreparedStatement statement = prepare(connection, sql, range, channelId);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    actions.add(new ActionRow(name, rows.getLong(2), rows.getLong(3), nullableDouble(rows, 4),
                            nullableDouble(rows, 5), rows.getLong(6), rows.getLong(7), rows.getLong(8),
                            rows.getLong(9), rows.getLong(10), outcomes.getOrDefault(name, Map.of())));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw new FactStoreException("could not compute the actions' figures", e);
        }
    }

    private static String channelClause(Optional<String> channelId) {
        return channelId.isPresent() ? "and channel_id = ?" : "";
    }

    private static PreparedStatement prepare(Connection connection, String sql, TimeRange range,
                                             Optional<String> channelId) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            Sql.setInstant(statement, 1, range.from());
            Sql.setInstant(statement, 2, range.to());
            if (channelId.isPresent()) {
                statement.setString(3, channelId.get());
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
