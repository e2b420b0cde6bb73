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

    /**
     * Stores the label, replacing an earlier one of the same message, and queues it for the NLU's training
     * ({@code label_feedback_outbox}); call within a transaction so that both or neither are stored.
     */
    public void label(String id, String intent, String labeledBy, Instant labeledAt) {
        String sql = """
                insert into unrecognized_label (event_id, intent, labeled_by, labeled_at) values (?, ?, ?, ?)
                on conflict (event_id) do update
                   set intent = excluded.intent, labeled_by = excluded.labeled_by, labeled_at = excluded.labeled_at""";
        String outbox = """
                insert into label_feedback_outbox (feedback_id, event_id, intent, labeled_by, labeled_at)
                values (?, ?, ?, ?, ?) on conflict (feedback_id) do nothing""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             PreparedStatement queued = connection.prepareStatement(outbox)) {
            statement.setString(1, id);
            statement.setString(2, intent);
            statement.setString(3, labeledBy);
            Sql.setInstant(statement, 4, labeledAt);
            statement.executeUpdate();
            queued.setString(1, LabelFeedback.feedbackId(id, intent));
            queued.setString(2, id);
            queued.setString(3, intent);
            queued.setString(4, labeledBy);
            Sql.setInstant(queued, 5, labeledAt);
            queued.executeUpdate();
        } catch (SQLException e) {
            throw new FactStoreException("could not store a label", e);
        }
    }

    /**
     * The oldest labels waiting for the NLU, locked for this transaction (another replica's relay skips them),
     * with their message as analytics has it now.
     */
    public List<PendingLabel> pendingFeedback(int limit) {
        String sql = """
                select o.feedback_id, o.event_id, o.intent, o.labeled_by, o.labeled_at, m.conversation_id,
                       m.channel_id, m.message_id, m.language, m.intent as predicted, m.masked_text
                  from label_feedback_outbox o join message_fact m on m.event_id = o.event_id
                 order by o.labeled_at, o.feedback_id
                 limit ?
                   for update of o skip locked""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, limit);
            List<PendingLabel> pending = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pending.add(new PendingLabel(rows.getString("feedback_id"), rows.getString("event_id"),
                            rows.getString("intent"), rows.getString("labeled_by"),
                            Sql.getInstant(rows, "labeled_at"), rows.getString("conversation_id"),
                            rows.getString("channel_id"), rows.getString("message_id"), rows.getString("language"),
                            rows.getString("predicted"), rows.getString("masked_text")));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new FactStoreException("could not read the labels waiting for the NLU", e);
        }
    }

    /** The label left for the NLU (or was dropped, its message erased): out of the outbox. */
    public void feedbackSent(String feedbackId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "delete from label_feedback_outbox where feedback_id = ?")) {
            statement.setString(1, feedbackId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new FactStoreException("could not remove a sent label", e);
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
