package org.supportflow.gateway.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.messageJson;
import static org.supportflow.gateway.support.GatewayTestSupport.post;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * Group commit over HTTP and PostgreSQL. The committer is held inside a transaction (the test holds the lock of
 * the conversation its first request needs), so the requests sent meanwhile all queue up and form the next group.
 */
@QuarkusTest
class GroupCommitTest {

    private static final String CHANNEL = "demo-web";

    @Inject
    IngestRecorder recorder;

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    /** The committer blocked in a group whose only request waits for a conversation lock the test holds. */
    private final class HeldCommitter implements AutoCloseable {
        private final Connection lock;
        private final CompletableFuture<Response> held;

        HeldCommitter() throws SQLException {
            String customer = uniqueId("held");
            accept(CHANNEL, uniqueId("m"), customer, "opens the conversation");
            lock = dataSource.getConnection();
            lock.setAutoCommit(false);
            lockOpenConversation(lock, customer);
            held = send(() -> post(CHANNEL, messageJson(uniqueId("m"), customer, "waits for the lock")));
            await().atMost(Duration.ofSeconds(30)).until(() -> backendsWaitingForALock() > 0);
        }

        @Override
        public void close() throws Exception {
            lock.commit();
            lock.close();
            assertThat(held.get(30, TimeUnit.SECONDS).<String>path("status")).isEqualTo("accepted");
        }
    }

    @Test
    void concurrentRequestsCommitInOneTransactionAndEachGetsItsOwnAnswer() throws Exception {
        int requests = 12;
        List<String> messageIds = new ArrayList<>();
        List<CompletableFuture<Response>> responses = new ArrayList<>();
        long transactionsBefore;
        try (HeldCommitter ignored = new HeldCommitter()) {
            transactionsBefore = recorder.transactions() - 1; // the held group's
            for (int i = 0; i < requests; i++) {
                String messageId = uniqueId("m");
                messageIds.add(messageId);
                String body = messageJson(messageId, uniqueId("cust"), "message " + i);
                responses.add(send(() -> post(CHANNEL, body)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == requests);
        }

        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Response response = responses.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.<String>path("status")).isEqualTo("accepted");
            assertThat(response.<String>path("messageId")).isEqualTo(messageIds.get(i));
            assertThat(response.<String>path("conversationId")).isEqualTo(recordedConversation(messageIds.get(i)));
            conversations.add(response.path("conversationId"));
        }
        assertThat(conversations).doesNotHaveDuplicates();
        // the held request's transaction, then one for all twelve
        assertThat(recorder.transactions() - transactionsBefore).isEqualTo(2).isLessThan(requests);
    }

    @Test
    void aDuplicateInsideAGroupIsAnsweredAsADuplicateAndAReusedIdIsRefused() throws Exception {
        String messageId = uniqueId("m");
        // customers in the group's lock order: the first one's message is the one recorded
        String customer = "a-" + uniqueId("cust");
        String otherCustomer = "z-" + uniqueId("cust");
        CompletableFuture<Response> first;
        CompletableFuture<Response> retry;
        CompletableFuture<Response> reuse;
        try (HeldCommitter ignored = new HeldCommitter()) {
            String body = messageJson(messageId, customer, "where is my parcel?");
            first = send(() -> post(CHANNEL, body));
            retry = send(() -> post(CHANNEL, body));
            String otherBody = messageJson(messageId, otherCustomer, "another customer's message");
            reuse = send(() -> post(CHANNEL, otherBody));
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == 3);
        }

        List<Response> sameMessage = List.of(first.get(30, TimeUnit.SECONDS), retry.get(30, TimeUnit.SECONDS));
        assertThat(sameMessage).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(sameMessage.stream().map(r -> r.<String>path("status"))).containsExactlyInAnyOrder("accepted", "duplicate");
        assertThat(sameMessage.stream().map(r -> r.<String>path("conversationId")).distinct())
                .containsExactly(recordedConversation(messageId));
        Response refused = reuse.get(30, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("error")).isEqualTo("message_id_reused");
        assertThat(refused.asString()).doesNotContain(recordedConversation(messageId));
        assertThat(kafka().collect(Topics.CONVERSATION_INBOUND, InboundMessageEvent.class,
                e -> messageId.equals(e.messageId()), 10, Duration.ofSeconds(4)))
                .singleElement().satisfies(e -> assertThat(e.value().customer().id()).isEqualTo(customer));
    }

    @Test
    void aRequestThatFailsInTheDatabaseDoesNotFailItsNeighbours() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.message_id LIKE 'poison-%' THEN RAISE EXCEPTION 'poisoned message'; END IF;
                      RETURN NEW;
                    END $$""");
            statement.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON inbound_message "
                    + "FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
        }
        try {
            String poisonCustomer = uniqueId("cust");
            String poison = uniqueId("poison");
            List<String> neighbours = List.of(uniqueId("m"), uniqueId("m"));
            List<CompletableFuture<Response>> neighbourResponses = new ArrayList<>();
            CompletableFuture<Response> poisonResponse;
            long transactionsBefore;
            try (HeldCommitter ignored = new HeldCommitter()) {
                transactionsBefore = recorder.transactions() - 1;
                neighbourResponses.add(send(() -> post(CHANNEL, messageJson(neighbours.get(0), uniqueId("cust"), "one"))));
                poisonResponse = send(() -> post(CHANNEL, messageJson(poison, poisonCustomer, "poison")));
                neighbourResponses.add(send(() -> post(CHANNEL, messageJson(neighbours.get(1), uniqueId("cust"), "two"))));
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == 3);
            }

            for (int i = 0; i < neighbours.size(); i++) {
                Response response = neighbourResponses.get(i).get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(202);
                assertThat(response.<String>path("status")).isEqualTo("accepted");
                assertThat(response.<String>path("conversationId")).isEqualTo(recordedConversation(neighbours.get(i)));
            }
            assertThat(poisonResponse.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
            assertThat(recordedConversation(poison)).isNull();
            // its conversation was undone with it
            assertThat(count("SELECT count(*) FROM conversation WHERE customer_id = '" + poisonCustomer + "'")).isZero();
            // isolated inside the group's transaction, not by applying the group again one by one
            assertThat(recorder.transactions() - transactionsBefore).isEqualTo(2);
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TRIGGER refuse_poison ON inbound_message");
                statement.execute("DROP FUNCTION refuse_poison()");
            }
        }
    }

    @Test
    void aGroupThatADeadlockAbortsIsRunAgainAndEveryRequestAccepted() throws Exception {
        // customers in the group's lock order: the group locks first's conversation, then waits for second's
        String first = "a-" + uniqueId("cust");
        String second = "z-" + uniqueId("cust");
        accept(CHANNEL, uniqueId("m"), first, "opens the first conversation");
        accept(CHANNEL, uniqueId("m"), second, "opens the second conversation");
        long deadlocksBefore = deadlocks();
        CompletableFuture<Response> firstResponse;
        CompletableFuture<Response> secondResponse;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            lockOpenConversation(other, second);
            try (HeldCommitter ignored = new HeldCommitter()) {
                firstResponse = send(() -> post(CHANNEL, messageJson(uniqueId("m"), first, "one")));
                secondResponse = send(() -> post(CHANNEL, messageJson(uniqueId("m"), second, "two")));
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == 2);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> backendsWaitingForALock() > 0);
            // closes the circle; the group waited first, so PostgreSQL aborts the group's transaction, not this one
            lockOpenConversation(other, first);
            other.commit();
        }

        for (CompletableFuture<Response> response : List.of(firstResponse, secondResponse)) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deadlocks() > deadlocksBefore);
    }

    @Test
    void aMixedGroupIsRecordedInBulkWithTheAnswersAndRowsOfTheOneByOnePath() throws Exception {
        String returning = uniqueId("cust");
        String returningConversation = accept(CHANNEL, uniqueId("m"), returning, "first visit");
        String idle = uniqueId("cust");
        String idleConversation = accept(CHANNEL, uniqueId("m"), idle, "a while ago");
        execute("UPDATE conversation SET last_message_at = last_message_at - interval '25 hours' WHERE id = '"
                + idleConversation + "'");
        String solved = uniqueId("cust");
        String solvedConversation = accept(CHANNEL, uniqueId("m"), solved, "solved a while ago");
        execute("UPDATE conversation SET last_message_at = last_message_at - interval '25 hours', "
                + "solved_at = now() - interval '25 hours' WHERE id = '" + solvedConversation + "'");
        String duplicateId = uniqueId("m");
        String duplicateBody = messageJson(duplicateId, uniqueId("cust"), "sent before the group");
        String duplicateConversation = post(CHANNEL, duplicateBody).then().statusCode(202)
                .extract().path("conversationId");

        String twiceCustomer = uniqueId("cust");
        String twiceId = uniqueId("m");
        String twiceBody = messageJson(twiceId, twiceCustomer, "sent twice in the group");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("new1", messageJson(uniqueId("m"), uniqueId("cust"), "new customer"));
        bodies.put("new2", messageJson(uniqueId("m"), uniqueId("cust"), "another new customer"));
        String newTwice = uniqueId("cust");
        bodies.put("newTwiceA", messageJson(uniqueId("m"), newTwice, "new customer, first message"));
        bodies.put("newTwiceB", messageJson(uniqueId("m"), newTwice, "new customer, second message"));
        bodies.put("returningA", messageJson(uniqueId("m"), returning, "back again"));
        bodies.put("returningB", messageJson(uniqueId("m"), returning, "and again"));
        bodies.put("idle", messageJson(uniqueId("m"), idle, "back after a day"));
        bodies.put("solved", messageJson(uniqueId("m"), solved, "back after the solve"));
        bodies.put("duplicate", duplicateBody);
        bodies.put("twiceA", twiceBody);
        bodies.put("twiceB", twiceBody);
        bodies.put("reused", messageJson(duplicateId, uniqueId("cust"), "someone else's message"));

        long bulkBefore = recorder.bulkGroups();
        long oneByOneBefore = recorder.oneByOneGroups();
        Map<String, CompletableFuture<Response>> sent = new LinkedHashMap<>();
        long transactionsBefore;
        try (HeldCommitter ignored = new HeldCommitter()) {
            transactionsBefore = recorder.transactions() - 1;
            bodies.forEach((name, body) -> sent.put(name, send(() -> post(CHANNEL, body))));
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == bodies.size());
        }
        Map<String, Response> answers = new LinkedHashMap<>();
        for (var entry : sent.entrySet()) {
            answers.put(entry.getKey(), entry.getValue().get(30, TimeUnit.SECONDS));
        }
        assertThat(recorder.transactions() - transactionsBefore).isEqualTo(2);
        assertThat(recorder.bulkGroups() - bulkBefore).isEqualTo(1);
        assertThat(recorder.oneByOneGroups()).isEqualTo(oneByOneBefore);

        for (String name : List.of("new1", "new2", "newTwiceA", "newTwiceB", "returningA", "returningB", "idle",
                "solved")) {
            Response answer = answers.get(name);
            assertThat(answer.statusCode()).as(name).isEqualTo(202);
            assertThat(answer.<String>path("status")).as(name).isEqualTo("accepted");
            assertThat(answer.<String>path("conversationId")).as(name)
                    .isEqualTo(recordedConversation(answer.path("messageId")));
        }
        String new1 = conversationOf(answers.get("new1"));
        String newTwiceConversation = conversationOf(answers.get("newTwiceA"));
        assertThat(List.of(new1, conversationOf(answers.get("new2")), newTwiceConversation, returningConversation,
                conversationOf(answers.get("idle")), conversationOf(answers.get("solved")), idleConversation,
                solvedConversation, duplicateConversation)).doesNotHaveDuplicates();

        // a new customer: a conversation opened at its message
        assertThat(row(new1)).containsExactly(acceptedAt(answers.get("new1")), acceptedAt(answers.get("new1")),
                null, null);
        // a new customer's two messages: one conversation, opened at the first, last message the later one
        assertThat(conversationOf(answers.get("newTwiceB"))).isEqualTo(newTwiceConversation);
        List<Instant> newTwiceTimes = List.of(acceptedAt(answers.get("newTwiceA")),
                acceptedAt(answers.get("newTwiceB")));
        List<Object> newTwiceRow = row(newTwiceConversation);
        assertThat(newTwiceRow.get(0)).isIn(newTwiceTimes);
        assertThat(newTwiceRow.get(1)).isEqualTo(Collections.max(newTwiceTimes));
        // a returning customer continues the open conversation, its last message time moved on
        assertThat(conversationOf(answers.get("returningA"))).isEqualTo(returningConversation);
        assertThat(conversationOf(answers.get("returningB"))).isEqualTo(returningConversation);
        assertThat(row(returningConversation).get(1)).isEqualTo(Collections.max(List.of(
                acceptedAt(answers.get("returningA")), acceptedAt(answers.get("returningB")))));
        assertThat(row(returningConversation).get(3)).isNull();
        // idle past the timeout, or solved past the grace period: closed at the message, a new one opened
        assertThat(row(idleConversation).get(2)).isEqualTo(acceptedAt(answers.get("idle")));
        assertThat(row(idleConversation).get(3)).isEqualTo("idle");
        assertThat(row(solvedConversation).get(2)).isEqualTo(acceptedAt(answers.get("solved")));
        assertThat(row(solvedConversation).get(3)).isEqualTo("solved");
        for (String name : List.of("idle", "solved")) {
            Instant at = acceptedAt(answers.get(name));
            assertThat(row(conversationOf(answers.get(name)))).as(name).containsExactly(at, at, null, null);
        }
        for (String customer : List.of(newTwice, returning, idle, solved, twiceCustomer)) {
            assertThat(count("SELECT count(*) FROM conversation WHERE channel_id = '" + CHANNEL
                    + "' AND customer_id = '" + customer + "' AND closed_at IS NULL")).as(customer).isEqualTo(1);
        }

        // a retry of a message recorded before the group, a key twice in the group, a reused id
        assertThat(answers.get("duplicate").<String>path("status")).isEqualTo("duplicate");
        assertThat(conversationOf(answers.get("duplicate"))).isEqualTo(duplicateConversation);
        List<Response> twice = List.of(answers.get("twiceA"), answers.get("twiceB"));
        assertThat(twice.stream().map(r -> r.<String>path("status"))).containsExactlyInAnyOrder("accepted", "duplicate");
        assertThat(twice.stream().map(this::conversationOf).distinct()).containsExactly(recordedConversation(twiceId));
        assertThat(answers.get("reused").statusCode()).isEqualTo(409);
        assertThat(answers.get("reused").<String>path("error")).isEqualTo("message_id_reused");
        assertThat(count("SELECT count(*) FROM inbound_message WHERE channel_id = '" + CHANNEL + "' AND message_id IN ('"
                + duplicateId + "', '" + twiceId + "')")).isEqualTo(2);
    }

    @Test
    void aKeyRecordedConcurrentlyMakesTheGroupGoOneByOneAndEveryRequestIsAnsweredAsBefore() throws Exception {
        String returning = uniqueId("cust");
        String returningConversation = accept(CHANNEL, uniqueId("m"), returning, "first visit");
        String racedId = uniqueId("m");
        String racedCustomer = uniqueId("cust");
        List<String> newIds = List.of(uniqueId("m"), uniqueId("m"));
        long bulkBefore = recorder.bulkGroups();
        long oneByOneBefore = recorder.oneByOneGroups();
        CompletableFuture<Response> raced;
        CompletableFuture<Response> returned;
        List<CompletableFuture<Response>> fresh = new ArrayList<>();
        try (Connection other = dataSource.getConnection()) {
            // another replica records the same key and commits while the group's bulk insert waits for it
            other.setAutoCommit(false);
            try (PreparedStatement statement = other.prepareStatement("""
                    INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at)
                    VALUES (?, ?, ?, now())""")) {
                statement.setString(1, CHANNEL);
                statement.setString(2, racedId);
                statement.setString(3, returningConversation);
                statement.executeUpdate();
            }
            try (HeldCommitter ignored = new HeldCommitter()) {
                raced = send(() -> post(CHANNEL, messageJson(racedId, racedCustomer, "sent to two replicas")));
                returned = send(() -> post(CHANNEL, messageJson(uniqueId("m"), returning, "back again")));
                for (String id : newIds) {
                    fresh.add(send(() -> post(CHANNEL, messageJson(id, uniqueId("cust"), "new customer"))));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.pending() == 4);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> backendsWaitingForALock() > 0);
            other.commit();
        }

        Response racedAnswer = raced.get(30, TimeUnit.SECONDS);
        assertThat(racedAnswer.statusCode()).isEqualTo(202);
        assertThat(racedAnswer.<String>path("status")).isEqualTo("duplicate");
        assertThat(conversationOf(racedAnswer)).isEqualTo(returningConversation);
        // the conversation the bulk path had opened for it was undone
        assertThat(count("SELECT count(*) FROM conversation WHERE customer_id = '" + racedCustomer + "'")).isZero();
        Response returnedAnswer = returned.get(30, TimeUnit.SECONDS);
        assertThat(returnedAnswer.<String>path("status")).isEqualTo("accepted");
        assertThat(conversationOf(returnedAnswer)).isEqualTo(returningConversation);
        for (int i = 0; i < newIds.size(); i++) {
            Response answer = fresh.get(i).get(30, TimeUnit.SECONDS);
            assertThat(answer.<String>path("status")).isEqualTo("accepted");
            assertThat(conversationOf(answer)).isEqualTo(recordedConversation(newIds.get(i)));
        }
        assertThat(recorder.oneByOneGroups() - oneByOneBefore).isEqualTo(1);
        assertThat(recorder.bulkGroups()).isEqualTo(bulkBefore);
    }

    private String conversationOf(Response response) {
        return response.path("conversationId");
    }

    /** When the gateway accepted this (first delivered) message. */
    private Instant acceptedAt(Response response) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT accepted_at FROM inbound_message WHERE channel_id = ? AND message_id = ?")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, response.path("messageId"));
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Timestamptz.instant(rs, 1);
            }
        }
    }

    /** opened_at, last_message_at, closed_at, close_reason of a conversation. */
    private List<Object> row(String conversationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT opened_at, last_message_at, closed_at, close_reason FROM conversation WHERE id = ?")) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Arrays.asList(Timestamptz.instant(rs, 1), Timestamptz.instant(rs, 2),
                        Timestamptz.instant(rs, 3), rs.getString(4));
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void lockOpenConversation(Connection connection, String customer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM conversation WHERE channel_id = ? AND customer_id = ? AND closed_at IS NULL FOR UPDATE")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, customer);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    private long deadlocks() throws SQLException {
        return count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    private CompletableFuture<Response> send(Supplier<Response> request) {
        return CompletableFuture.supplyAsync(request, clients);
    }

    private String recordedConversation(String messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT conversation_id FROM inbound_message WHERE channel_id = ? AND message_id = ?")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, messageId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long backendsWaitingForALock() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
