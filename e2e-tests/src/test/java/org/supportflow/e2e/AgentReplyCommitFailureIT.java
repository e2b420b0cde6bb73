package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.Topics;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent's reply whose database commit fails is never delivered, on the running platform: the test makes
 * ticket-service's commit of one reply fail for real (a deferred constraint trigger in the platform's own
 * database refuses, at COMMIT, the transcript row carrying a marker text), sends that reply through the tickets
 * API, and then a normal one. The agent gets an error of the JSON error contract at once (not a hang, nothing
 * internal in it); the customer's channel receives the later reply and never the failed one; neither the
 * transcript nor {@code conversation.outbound} holds it.
 */
@Order(8)
class AgentReplyCommitFailureIT {

    private static final Duration PIPELINE = Tickets.PIPELINE;

    private final ChannelClient web = new ChannelClient("demo-web");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
        // The handoff goes to agent1 or waits in the queue (then agent1 takes it), never to another agent.
        Agents.presence("agent2", "OFFLINE", 0);
        Agents.presence("agent1", "ONLINE", 5);
    }

    @AfterAll
    static void agentsOffline() {
        Agents.presence("agent1", "OFFLINE", 0);
    }

    @Test
    void aReplyWhoseCommitFailsIsNeverDeliveredNorInTheTranscript() throws Exception {
        String agent = Keycloak.token("agent1");
        Http.Response accepted = web.post(web.message(ChannelClient.newId("m"), ChannelClient.newId("cust"), "en-US",
                "REGULAR", "I want to talk to a person, please"), null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
        String conversationId = accepted.json().get("conversationId").asText();
        String ticketId = Tickets.awaitTicket(conversationId, agent).get("id").asText();
        Tickets.assignTo(ticketId, "agent1");

        String marker = "commit-refused-" + UUID.randomUUID().toString().substring(0, 8);
        String failedText = "Your refund was approved today (" + marker + ")";
        String laterText = "Sorry for the wait, I am checking your order now (" + marker.replace("refused", "ok") + ")";
        Map<TopicPartition, Long> outboundMark;
        try (TopicReader reader = new TopicReader()) {
            outboundMark = reader.endOffsets(List.of(Topics.CONVERSATION_OUTBOUND));
        }

        Http.Response failed;
        Duration answeredIn;
        try (Connection db = PlatformDatabase.connect(); Statement sql = db.createStatement()) {
            CommitRefusal refusal = new CommitRefusal(marker);
            sql.execute(refusal.createFunction());
            try {
                sql.execute(refusal.createTrigger());
                Instant sent = Instant.now();
                failed = Http.postJson(replies(ticketId), agent, Map.of("text", failedText));
                answeredIn = Duration.between(sent, Instant.now());
            } finally {
                try {
                    sql.execute(refusal.dropTrigger());
                } finally {
                    sql.execute(refusal.dropFunction());
                }
            }
        }

        // The agent is told at once, in the one error contract, with nothing from inside (no SQL, no trigger).
        assertThat(answeredIn).as("the failed reply is answered, not left hanging").isLessThan(Duration.ofSeconds(20));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        JsonNode error = failed.json();
        assertThat(error.get("error").asText()).as(failed.toString()).isEqualTo("internal_error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(failed.body()).doesNotContain(marker).doesNotContainIgnoringCase("trigger")
                .doesNotContain("P0001").doesNotContainIgnoringCase("exception");

        // A later reply goes through: once the customer has it, the failed one (recorded before it, relayed in
        // record order) would have arrived too, had it been recorded.
        Http.Response later = Http.postJson(replies(ticketId), agent, Map.of("text", laterText));
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(channelTexts(conversationId)).contains(laterText));

        assertThat(channelTexts(conversationId)).as("what the customer's channel received")
                .noneMatch(text -> text.contains(marker));
        List<String> transcript = new ArrayList<>();
        Tickets.detail(ticketId, agent).get("transcript").forEach(entry -> transcript.add(entry.path("text").asText()));
        assertThat(transcript).contains(laterText).noneMatch(text -> text.contains(marker));
        List<String> published = new ArrayList<>();
        try (TopicReader reader = new TopicReader()) {
            for (ConsumerRecord<String, String> record : reader.readSince(outboundMark)) {
                if (conversationId.equals(record.key())) {
                    published.add(record.value());
                }
            }
        }
        assertThat(published).as("conversation.outbound for this conversation since the failed reply")
                .anyMatch(event -> event.contains(laterText)).noneMatch(event -> event.contains(marker));
    }

    /**
     * Makes ticket-service's commit fail for transcript rows whose text carries {@code marker}: a constraint
     * trigger deferred to COMMIT, so the reply's statements all succeed and its transaction fails only when
     * it commits, as a lost connection or a serialization failure at commit would. Unique names per run, so
     * that runs sharing a database never touch each other's trigger.
     */
    private record CommitRefusal(String marker) {

        /** ticket-service's schema (its default; TICKET_DB_SCHEMA moves it) and its transcript table. */
        static final String SCHEMA = System.getenv().getOrDefault("TICKET_DB_SCHEMA", "ticket");

        String function() {
            return SCHEMA + ".e2e_" + marker.replace('-', '_');
        }

        String trigger() {
            return "e2e_" + marker.replace('-', '_');
        }

        String createFunction() {
            return "create function " + function() + "() returns trigger language plpgsql as $$ begin"
                    + " raise exception 'e2e: this commit is refused (%)', new.message_id; end $$";
        }

        String createTrigger() {
            return "create constraint trigger " + trigger() + " after insert on " + SCHEMA + ".message"
                    + " deferrable initially deferred for each row"
                    + " when (new.text like '%" + marker + "%') execute function " + function() + "()";
        }

        String dropTrigger() {
            return "drop trigger if exists " + trigger() + " on " + SCHEMA + ".message";
        }

        String dropFunction() {
            return "drop function if exists " + function() + "()";
        }
    }

    /** Routing gives the handoff to agent1 unless earlier tests' queued conversations fill its slots: then agent1 takes it. */
    private static String replies(String ticketId) {
        return LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId + "/replies";
    }

    /** Every reply text the customer's channel can poll for this conversation. */
    private List<String> channelTexts(String conversationId) {
        Http.Response page = web.replies(conversationId, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        page.json().get("replies").forEach(reply -> texts.add(reply.path("text").asText()));
        return texts;
    }
}
