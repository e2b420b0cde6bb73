package org.supportflow.analytics.labels;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.facts.FactStoreException;
import org.supportflow.analytics.facts.Sql;
import org.supportflow.analytics.summary.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads messages the bot did not understand and stores their labels ({@code unrecognized_label}). */
@ApplicationScoped
public class LabelRepository {

    /** The summary's rule: no intent, out_of_scope, or a confidence below the threshold; erased texts never. */
    private static final String NOT_UNDERSTOOD = """
            (m.intent is null or m.intent = 'out_of_scope' or m.confidence < ?) and m.masked_text is not null""";

    private final AgroalDataSource dataSource;

    public LabelRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<UnrecognizedMessage> unrecognized(TimeRange range, Optional<String> channelId, double threshold,
                                                  int limit) {
        String sql = """
                select m.event_id, m.received_at, m.channel_id, m.language, m.intent, m.confidence, m.masked_text,
                       l.intent as label, l.labeled_by, l.labeled_at
                  from message_fact m left join unrecognized_label l on l.event_id = m.event_id
                 where m.received_at >= ? and m.received_at < ? and %s %s
                 order by m.received_at desc, m.event_id
                 limit ?""".formatted(NOT_UNDERSTOOD, channelId.isPresent() ? "and m.channel_id = ?" : "");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            Sql.setInstant(statement, ++i, range.from());
            Sql.setInstant(statement, ++i, range.to());
            statement.setDouble(++i, threshold);
            if (channelId.isPresent()) {
                statement.setString(++i, channelId.get());
            }
            statement.setInt(++i, limit);
            List<UnrecognizedMessage> messages = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String label = rows.getString("label");
                    messages.add(new UnrecognizedMessage(rows.getString("event_id"),
                            Sql.getInstant(rows, "received_at"), rows.getString("channel_id"),
                            rows.getString("language"), rows.getString("intent"), Sql.getDouble(rows, "confidence"),
                            rows.getString("masked_text"),
                            label == null ? null : new UnrecognizedMessage.Label(label, rows.getString("labeled_by"),
                                    Sql.getInstant(rows, "labeled_at"))));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new FactStoreException("could not read unrecognized messages", e);
        }
    }

    /** Whether the message exists, was not understood and still has its (masked) text. */
    public boolean isLabelable(String id, double threshold) {
        String sql = "select 1 from message_fact m where m.event_id = ? and " + NOT_UNDERSTOOD;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.setDouble(2, threshold);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new FactStoreException("could not read a message", e);
        }
    }

    /** Stores the label, replacing an earlier one of the same message. */
    public void label(String id, String intent, String labeledBy, Instant labeledAt) {
        String sql = """
                insert into unrecognized_label (event_id, intent, labeled_by, labeled_at) values (?, ?, ?, ?)
                on conflict (event_id) do update
                   set intent = excluded.intent, labeled_by = excluded.labeled_by, labeled_at = excluded.labeled_at""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.setString(2, intent);
            statement.setString(3, labeledBy);
            Sql.setInstant(statement, 4, labeledAt);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new FactStoreException("could not store a label", e);
        }
    }

    /** Labeled examples with their text (erased ones left out), oldest label first, from {@code since} on. */
    public List<LabeledExample> labels(Instant since, int limit) {
        String sql = """
                select l.event_id, m.masked_text, m.language, l.intent, l.labeled_by, l.labeled_at
                  from unrecognized_label l join message_fact m on m.event_id = l.event_id
                 where m.masked_text is not null and l.labeled_at >= ?
                 order by l.labeled_at, l.event_id
                 limit ?""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.setInstant(statement, 1, since);
            statement.setInt(2, limit);
            List<LabeledExample> examples = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    examples.add(new LabeledExample(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), Sql.getInstant(rows, 6)));
                }
            }
            return examples;
        } catch (SQLException e) {
            throw new FactStoreException("could not read labels", e);
        }
    }
}
