package org.supportflow.gateway.conversation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.web.jdbc.Timestamptz;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * {@code ticket.events} a poll at a time: one transaction of a few statements with the effect of the events one
 * by one in their order, and through Kafka a record that cannot be read or applied parked on the dead-letter
 * topic while the rest of the poll takes effect. The statements are counted by PostgreSQL itself: a
 * statement-level trigger logs each UPDATE of conversations with its transaction and the rows it changed.
 */
@QuarkusTest
class TicketEventPollTest {

    private static final String CHANNEL = "demo-web";
    private static final String DLQ = Topics.deadLetterTopic(Topics.TICKET_EVENTS, Topics.Groups.GATEWAY);
    private static final Instant SOLVED_BEFORE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Inject
    ConversationStore conversations;

    @Inject
    AgroalDataSource dataSource;

    /** One UPDATE statement of conversations: its transaction and the rows it changed. */
    private record Update(long transaction, List<String> changed) {
    }

    @BeforeEach
    void logConversationUpdates() throws SQLException {
        execute("CREATE TABLE IF NOT EXISTS conversation_update_log (txid bigint NOT NULL, ids text[] NOT NULL, "
                + "seq bigint GENERATED ALWAYS AS IDENTITY)");
        execute("""
                CREATE OR REPLACE FUNCTION log_conversation_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO conversation_update_log (txid, ids)
                  SELECT txid_current(), array_agg(id) FROM changed HAVING count(*) > 0;
                  RETURN NULL;
                END $$""");
        execute("CREATE TRIGGER log_conversation_update AFTER UPDATE ON conversation REFERENCING NEW TABLE AS changed "
                + "FOR EACH STATEMENT EXECUTE FUNCTION log_conversation_update()");
    }

    @AfterEach
    void stopLogging() throws SQLException {
        execute("DROP TRIGGER log_conversation_update ON conversation");
        execute("DROP FUNCTION log_conversation_update()");
        execute("DROP TABLE conversation_update_log");
    }

    @Test
    void aPollOfActiveEventsForManyConversationsIsOneUpdate() throws SQLException {
        List<String> solved = new ArrayList<>();
        List<TicketEvent> poll = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String conversation = open(SOLVED_BEFORE);
            solved.add(conversation);
            poll.add(event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN));
            poll.add(event(conversation, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.PENDING));
        }
        String active = open(null);
        poll.add(event(active, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.NEW));

        apply(poll);

        List<Update> updates = updatesOf(solved);
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().changed()).containsExactlyInAnyOrderElementsOf(solved);
        for (String conversation : solved) {
            assertThat(solvedAt(conversation)).as(conversation).isNull();
        }
        assertThat(solvedAt(active)).isNull();
    }

    @Test
    void solvedThenReopenedInOnePollEndsActive() throws SQLException {
        String conversation = open(null);
        String bystander = open(SOLVED_BEFORE);

        apply(List.of(
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED),
                event(bystander, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.OPEN),
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN)));

        assertThat(solvedAt(conversation)).isNull();
        assertThat(solvedAt(bystander)).isNull();
        // the solve, then the reopening of both: in one transaction
        List<Update> updates = updatesOf(List.of(conversation, bystander));
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).changed()).containsExactly(conversation);
        assertThat(updates.get(1).changed()).containsExactlyInAnyOrder(conversation, bystander);
        assertThat(updates).extracting(Update::transaction).containsOnly(updates.getFirst().transaction());
    }

    @Test
    void reopenedThenSolvedInOnePollEndsSolved() throws SQLException {
        String conversation = open(SOLVED_BEFORE);

        apply(List.of(
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN),
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED)));

        assertThat(solvedAt(conversation)).isEqualTo(T1);
    }

    @Test
    void aClosedTicketClosesItsConversationOnce() throws SQLException {
        String conversation = open(null);

        apply(List.of(
                event(conversation, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.OPEN),
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED),
                // after the close: the conversation is over, a solve no longer applies to it
                event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED)));
        apply(List.of(new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, NOW, conversation,
                CHANNEL, null, "ticket-" + conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED,
                null, null, null, null, null, Map.of())));

        assertThat(closed(conversation)).containsExactly(T1, "ticket_closed");
        assertThat(solvedAt(conversation)).isNull();
    }

    @Test
    void eventsWithoutAStatusChangeNothing() throws SQLException {
        String conversation = open(SOLVED_BEFORE);

        apply(List.of(event(conversation, TicketEvent.Type.CSAT_RECORDED, null)));

        assertThat(solvedAt(conversation)).isEqualTo(SOLVED_BEFORE);
        assertThat(updatesOf(List.of(conversation))).isEmpty();
    }

    @Test
    void throughKafkaUnreadableAndFailingRecordsAreDeadLetteredAndTheRestApplied() throws Exception {
        String conversation = open(null);
        String firstGarbage = uniqueId("garbage");
        String lastGarbage = uniqueId("garbage");
        // PostgreSQL refuses a NUL character in text: this one fails for good
        TicketEvent poison = event(uniqueId("conv") + "\u0000", TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN);

        // one key, so one partition: in this order
        kafka().send(Topics.TICKET_EVENTS, event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED));
        kafka().send(Topics.TICKET_EVENTS, event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN));
        kafka().sendRaw(Topics.TICKET_EVENTS, conversation, "{not json " + firstGarbage);
        kafka().send(Topics.TICKET_EVENTS, event(conversation, TicketEvent.Type.CSAT_RECORDED, null));
        kafka().sendRaw(Topics.TICKET_EVENTS, conversation, "{not json " + lastGarbage);
        kafka().send(Topics.TICKET_EVENTS, poison);
        kafka().send(Topics.TICKET_EVENTS, event(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED));

        await().atMost(Duration.ofSeconds(30)).until(() -> closed(conversation).getFirst() != null);
        assertThat(closed(conversation)).containsExactly(T1, "ticket_closed");
        // solved, then reopened before the close
        assertThat(solvedAt(conversation)).isNull();

        // parked in the partition's order; the event without a status was not parked between them
        List<String> parked = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : kafka().readRaw(DLQ,
                record -> conversation.equals(record.key()), 2, Duration.ofSeconds(30))) {
            parked.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertThat(parked).hasSize(2);
        assertThat(parked.get(0)).contains(firstGarbage);
        assertThat(parked.get(1)).contains(lastGarbage);
        List<ConsumerRecord<String, byte[]>> failed = kafka().readRaw(DLQ,
                record -> poison.conversationId().equals(record.key()), 1, Duration.ofSeconds(30));
        assertThat(failed).singleElement().satisfies(record -> assertThat(
                EventJson.fromJson(new String(record.value(), StandardCharsets.UTF_8), TicketEvent.class).eventId())
                .isEqualTo(poison.eventId()));
    }

    private void apply(List<TicketEvent> poll) {
        conversations.applyTicketStatuses(TicketStatusUpdates.of(poll, NOW));
    }

    private static TicketEvent event(String conversationId, TicketEvent.Type type, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, T1, conversationId, CHANNEL,
                null, "ticket-" + conversationId, type, status, null, null, null, null, null, Map.of());
    }

    /** A new open conversation, solved at {@code solvedAt} (null: not solved). */
    private String open(Instant solvedAt) throws SQLException {
        String id = uniqueId("conv");
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO conversation (id, channel_id, customer_id, opened_at, last_message_at, solved_at)
                     VALUES (?, ?, ?, ?, ?, ?)""")) {
            statement.setString(1, id);
            statement.setString(2, CHANNEL);
            statement.setString(3, uniqueId("cust"));
            statement.setObject(4, Timestamptz.of(opened));
            statement.setObject(5, Timestamptz.of(opened));
            statement.setObject(6, solvedAt == null ? null : Timestamptz.of(solvedAt));
            statement.executeUpdate();
        }
        return id;
    }

    private Instant solvedAt(String conversationId) throws SQLException {
        return (Instant) row("SELECT solved_at FROM conversation WHERE id = ?", conversationId).getFirst();
    }

    /** closed_at and close_reason. */
    private List<Object> closed(String conversationId) throws SQLException {
        return row("SELECT closed_at, close_reason FROM conversation WHERE id = ?", conversationId);
    }

    private List<Object> row(String sql, String conversationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("conversation %s", conversationId).isTrue();
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getMetaData().getColumnTypeName(i).startsWith("timestamp")
                            ? Timestamptz.instant(rs, i) : rs.getObject(i));
                }
                return values;
            }
        }
    }

    /** The logged UPDATE statements that changed any of these conversations, in order. */
    private List<Update> updatesOf(List<String> conversationIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT txid, ids FROM conversation_update_log WHERE ids && ?::text[] ORDER BY seq")) {
            statement.setArray(1, connection.createArrayOf("text", conversationIds.toArray()));
            List<Update> updates = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    updates.add(new Update(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray())));
                }
            }
            return updates;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
