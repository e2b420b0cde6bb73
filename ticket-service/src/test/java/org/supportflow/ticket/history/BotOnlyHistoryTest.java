package org.supportflow.ticket.history;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.erasure.CustomerErasure;
import org.supportflow.ticket.ingest.BotPathIngest;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.transcript.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bot-only conversations: their events are kept as history (one insert per poll), not as tickets; a later
 * handoff shows the agent everything said before, once each and in order, whatever order the topics arrive in.
 */
@QuarkusTest
class BotOnlyHistoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    BotPathIngest botPath;

    @Inject
    ConversationIngest ingest;

    @Inject
    HistoryStore history;

    @Inject
    HistoryRetention retention;

    @Inject
    EntityManager em;

    /** A bot-answered exchange: the customer's message, the NLU's reading (bot route), the bot's reply. */
    record Exchange(InboundMessageEvent inbound, RoutedMessageEvent routed, OutboundMessageEvent reply) {
        List<String> eventIds() {
            return List.of(inbound.eventId(), routed.eventId(), reply.eventId());
        }
    }

    private static Exchange exchange(String conversationId, String customerId, String text, String answer) {
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, TestEvents.newId("msg"),
                TestEvents.customer(customerId), text);
        RoutedMessageEvent routed = TestEvents.routed(inbound, "order_status", text, RoutingDecision.Route.BOT,
                Priority.NORMAL, null);
        return new Exchange(inbound, routed, TestEvents.botReply(conversationId, inbound.messageId(), answer));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aBotOnlyConversationLeavesHistoryOnlyAndALaterHandoffShowsItInOrderOnce() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        Exchange first = exchange(conversationId, customerId, "배송 언제 와요?", "내일 도착 예정이에요.");
        kafka.send(Topics.CONVERSATION_INBOUND, first.inbound());
        kafka.send(Topics.CONVERSATION_ROUTED, first.routed());
        kafka.send(Topics.CONVERSATION_OUTBOUND, first.reply());

        await().atMost(WAIT).untilAsserted(() -> assertThat(historyRows(conversationId)).isEqualTo(3));
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Ticket.count("conversationId", conversationId)).isZero();
            assertThat(Message.count("conversationId", conversationId)).isZero();
            assertThat(count("select count(*) from conversation where id = ?1", conversationId)).isZero();
            assertThat(count("select count(*) from processed_event where event_id in (?1)", first.eventIds()))
                    .isZero();
            assertThat(CustomerProfile.<CustomerProfile>findById(customerId).name).isEqualTo("홍길동");
        });

        // the customer asks for a person: the routed event opens the ticket
        InboundMessageEvent handoff = TestEvents.inbound(conversationId, TestEvents.newId("msg"),
                TestEvents.customer(customerId), "상담원 연결해 주세요");
        kafka.send(Topics.CONVERSATION_ROUTED, TestEvents.handoff(handoff, Priority.HIGH));
        kafka.send(Topics.CONVERSATION_INBOUND, handoff);
        String ticketId = await().atMost(WAIT).until(() -> Scenario.activeTicket(conversationId)
                .map(ticket -> ticket.id).orElse(null), id -> id != null);

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> transcript = transcript(ticketId);
            assertThat(transcript).extracting(entry -> entry.get("messageId")).containsExactly(
                    first.inbound().messageId(), first.reply().messageId(), handoff.messageId());
            assertThat(transcript).extracting(entry -> entry.get("text")).containsExactly(
                    "배송 언제 와요?", "내일 도착 예정이에요.", "상담원 연결해 주세요");
            assertThat(transcript).extracting(entry -> entry.get("author")).containsExactly("customer", "bot",
                    "customer");
            assertThat(((Map<?, ?>) transcript.get(0).get("nlu")).get("intent")).isEqualTo("order_status");
            assertThat(transcript.get(2).get("ticketId")).isEqualTo(ticketId);
        });
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theInboundEventOfTheHandoffMessageCommittedAfterTheTicketIsShownOnceWithItsText() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        Exchange first = exchange(conversationId, customerId, "환불 되나요?", "네, 가능해요.");
        botPath.inbound(List.of(first.inbound()));
        botPath.routed(List.of(first.routed()));
        botPath.outbound(List.of(first.reply()));
        InboundMessageEvent handoff = TestEvents.inbound(conversationId, TestEvents.newId("msg"),
                TestEvents.customer(customerId), "사람이랑 얘기할래요");
        RoutedMessageEvent handoffRouted = TestEvents.handoff(handoff, Priority.NORMAL);

        // the race: the inbound poll looks for a ticket (none yet) and appends to the history; before it commits,
        // the routed event of the same message opens the ticket and commits
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(botPath.inbound(List.of(handoff))).as("judged bot-only: no ticket yet").isEmpty();
            CompletableFuture.runAsync(() -> botPath.routed(List.of(handoffRouted)).forEach(ingest::onRouted))
                    .orTimeout(30, TimeUnit.SECONDS).join();
        });
        String ticketId = Scenario.activeTicket(conversationId).orElseThrow().id;

        List<Map<String, Object>> transcript = transcript(ticketId);
        assertThat(transcript).extracting(entry -> entry.get("messageId")).containsExactly(
                first.inbound().messageId(), first.reply().messageId(), handoff.messageId());
        Map<String, Object> opening = transcript.get(2);
        assertThat(opening.get("text")).isEqualTo("사람이랑 얘기할래요");
        assertThat(opening.get("ticketId")).isEqualTo(ticketId);
        assertThat(((Map<?, ?>) opening.get("nlu")).get("route")).isEqualTo("HUMAN");

        // the other order (inbound after the ticket's commit) takes the ticket path: still once
        InboundMessageEvent followUp = TestEvents.inbound(conversationId, TestEvents.newId("msg"),
                TestEvents.customer(customerId), "아직인가요?");
        assertThat(botPath.inbound(List.of(followUp))).containsExactly(followUp);
        ingest.onInbound(followUp);
        assertThat(transcript(ticketId)).extracting(entry -> entry.get("messageId")).containsExactly(
                first.inbound().messageId(), first.reply().messageId(), handoff.messageId(), followUp.messageId());
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        String conversationId = TestEvents.newId("conv");
        Exchange exchange = exchange(conversationId, TestEvents.newId("cust"), "영업시간이 어떻게 돼요?",
                "평일 9시부터 6시까지예요.");
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(botPath.inbound(List.of(exchange.inbound()))).isEmpty();
            assertThat(botPath.routed(List.of(exchange.routed()))).isEmpty();
            assertThat(botPath.outbound(List.of(exchange.reply(), exchange.reply()))).isEmpty();
        }
        List<HistoryEntry> entries = QuarkusTransaction.requiringNew().call(() -> history.of(conversationId));
        assertThat(entries).extracting(HistoryEntry::source).containsExactlyInAnyOrder(HistoryEntry.Source.INBOUND,
                HistoryEntry.Source.ROUTED, HistoryEntry.Source.OUTBOUND);
        assertThat(TranscriptMerge.merge(List.of(), entries))
                .extracting(message -> message.messageId)
                .containsExactly(exchange.inbound().messageId(), exchange.reply().messageId());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestOfThePollApplies() {
        String good1 = TestEvents.newId("conv");
        String poisoned = TestEvents.newId("conv");
        String good2 = TestEvents.newId("conv");
        String unreadable = TestEvents.newId("conv");
        Exchange before = exchange(good1, TestEvents.newId("cust"), "하나", "one");
        // a message id longer than the column: the database refuses it for good
        InboundMessageEvent poison = TestEvents.inbound(poisoned, "m".repeat(300),
                TestEvents.customer(TestEvents.newId("cust")), "둘");
        Exchange after = exchange(good2, TestEvents.newId("cust"), "셋", "three");
        kafka.send(Topics.CONVERSATION_INBOUND, before.inbound());
        kafka.send(Topics.CONVERSATION_INBOUND, poison);
        kafka.sendRaw(Topics.CONVERSATION_INBOUND, unreadable, "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.CONVERSATION_INBOUND, after.inbound());

        String dlq = Topics.deadLetterTopic(Topics.CONVERSATION_INBOUND, Topics.Groups.TICKET);
        var dead = kafka.readRaw(dlq, record -> poisoned.equals(record.key()) || unreadable.equals(record.key()), 2,
                WAIT);
        assertThat(dead).extracting(record -> record.key()).containsExactlyInAnyOrder(poisoned, unreadable);
        var poisonRecord = dead.stream().filter(record -> poisoned.equals(record.key())).findFirst().orElseThrow();
        assertThat(EventJson.fromJson(new String(poisonRecord.value(), StandardCharsets.UTF_8),
                InboundMessageEvent.class).eventId()).isEqualTo(poison.eventId());
        assertThat(poisonRecord.headers().lastHeader("dead-letter-reason")).isNotNull();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(historyRows(good1)).isEqualTo(1);
            assertThat(historyRows(good2)).isEqualTo(1);
        });
        assertThat(historyRows(poisoned)).isZero();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void erasureReachesTheHistory() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        Exchange exchange = exchange(conversationId, customerId, Scenario.RAW_TEXT, "확인해 볼게요.");
        botPath.inbound(List.of(exchange.inbound()));
        botPath.routed(List.of(exchange.routed()));
        botPath.outbound(List.of(exchange.reply()));

        JsonPath erased = given().when().delete("/api/v1/customers/{id}", customerId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(erased.getList("conversationIds", String.class)).containsExactly(conversationId);

        List<HistoryEntry> entries = QuarkusTransaction.requiringNew().call(() -> history.of(conversationId));
        HistoryEntry inbound = entries.stream().filter(entry -> entry.source() == HistoryEntry.Source.INBOUND)
                .findFirst().orElseThrow();
        HistoryEntry routed = entries.stream().filter(entry -> entry.source() == HistoryEntry.Source.ROUTED)
                .findFirst().orElseThrow();
        HistoryEntry reply = entries.stream().filter(entry -> entry.source() == HistoryEntry.Source.OUTBOUND)
                .findFirst().orElseThrow();
        assertThat(inbound.text()).isEqualTo(CustomerErasure.ERASED_TEXT);
        assertThat(inbound.erased()).isTrue();
        assertThat(routed.maskedText()).isEqualTo(CustomerErasure.ERASED_TEXT);
        assertThat(routed.intent()).as("annotations stay countable").isEqualTo("order_status");
        assertThat(reply.text()).as("the bot's words are not the customer's").isEqualTo("확인해 볼게요.");
        List<Message> merged = TranscriptMerge.merge(List.of(), entries);
        assertThat(merged.get(0).text).isEqualTo(CustomerErasure.ERASED_TEXT);
        assertThat(merged.get(0).erased).isTrue();
    }

    @Test
    void retentionForgetsOldBotOnlyHistoryButKeepsTheHistoryOfTicketConversations() {
        String botOnly = TestEvents.newId("conv");
        Exchange exchange = exchange(botOnly, TestEvents.newId("cust"), "안녕하세요", "안녕하세요!");
        botPath.inbound(List.of(exchange.inbound()));
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        Exchange earlier = exchange(handoff.conversationId(), handoff.customerId(), "전에 한 말", "전에 한 답");
        QuarkusTransaction.requiringNew().run(() -> history.append(List.of(HistoryEntry.of(earlier.inbound(),
                earlier.inbound().occurredAt())), earlier.inbound().occurredAt()));

        int deleted = retention.purge(java.time.Instant.now().plusSeconds(60));

        assertThat(deleted).isPositive();
        assertThat(historyRows(botOnly)).isZero();
        assertThat(historyRows(handoff.conversationId())).isEqualTo(1);
    }

    private long historyRows(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() ->
                count("select count(*) from conversation_history where conversation_id = ?1", conversationId));
    }

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static List<Map<String, Object>> transcript(String ticketId) {
        return given().when().get("/api/v1/tickets/{id}", ticketId).then().statusCode(200).extract().jsonPath()
                .getList("transcript");
    }
}
