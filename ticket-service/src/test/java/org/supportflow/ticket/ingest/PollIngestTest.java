package org.supportflow.ticket.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.customers.ChannelIdentity;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.transcript.DeliveryStatusStore;
import org.supportflow.ticket.transcript.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A poll of a conversation topic is one transaction, bot-only history and ticket events together: all of it
 * takes effect or none, and a record that fails for good is still isolated to the dead-letter topic.
 */
@QuarkusTest
class PollIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    PollIngest polls;

    @Inject
    ConversationIngest ingest;

    @Inject
    EntityManager em;

    @Inject
    DeliveryStatusStore deliveries;

    @Test
    void aPollAppliesBotOnlyAndTicketEventsOfSeveralConversationsEachInItsOrder() {
        Scenario.Handoff first = Scenario.handoff(ingest, Priority.NORMAL);
        Scenario.Handoff second = Scenario.handoff(ingest, Priority.NORMAL);
        String botOnly = TestEvents.newId("conv");
        InboundMessageEvent a1 = followUp(first, "첫 번째");
        InboundMessageEvent b1 = followUp(second, "두 번째");
        InboundMessageEvent bot = TestEvents.inbound(botOnly, TestEvents.newId("msg"),
                TestEvents.customer(TestEvents.newId("cust")), "영업시간이 어떻게 돼요?");
        InboundMessageEvent a2 = followUp(first, "세 번째");

        polls.inbound(List.of(a1, b1, bot, a2, a1));

        assertThat(ticketMessages(first)).containsExactly(first.messageId(), a1.messageId(), a2.messageId());
        assertThat(ticketMessages(second)).containsExactly(second.messageId(), b1.messageId());
        assertThat(historyRows(botOnly)).isEqualTo(1);
        polls.routed(List.of(TestEvents.routed(a1, "order_status", "첫 번째", RoutingDecision.Route.HUMAN_CONTINUED,
                Priority.HIGH, null)));
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(Message.of(first.conversationId(), a1.messageId()).orElseThrow().intent)
                        .isEqualTo("order_status"));
    }

    @Test
    void aTicketEventThatFailsForGoodRollsTheWholePollBackBotOnlyPartIncluded() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String botOnly = TestEvents.newId("conv");
        InboundMessageEvent bot = TestEvents.inbound(botOnly, TestEvents.newId("msg"),
                TestEvents.customer(TestEvents.newId("cust")), "배송비 얼마예요?");
        InboundMessageEvent good = followUp(handoff, "언제 와요?");
        // a message id longer than its column: the database refuses it for good
        InboundMessageEvent poison = TestEvents.inbound(handoff.conversationId(), "m".repeat(300),
                TestEvents.customer(handoff.customerId()), "둘");

        assertThatThrownBy(() -> polls.inbound(List.of(bot, good, poison))).isInstanceOf(RuntimeException.class);

        assertThat(historyRows(botOnly)).as("the bot-only part committed with the rest, so not at all").isZero();
        assertThat(ticketMessages(handoff)).containsExactly(handoff.messageId());
    }

    @Test
    void fromTheBrokerAPoisonTicketEventIsParkedAndTheRestOfItsPollTakesEffect() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String poisoned = handoff.conversationId();
        String botOnly = TestEvents.newId("conv");
        InboundMessageEvent bot = TestEvents.inbound(botOnly, TestEvents.newId("msg"),
                TestEvents.customer(TestEvents.newId("cust")), "반품은 어떻게 해요?");
        InboundMessageEvent good = followUp(handoff, "아직인가요?");
        InboundMessageEvent poison = TestEvents.inbound(poisoned, "m".repeat(300),
                TestEvents.customer(handoff.customerId()), "셋");
        kafka.send(Topics.CONVERSATION_INBOUND, bot);
        kafka.send(Topics.CONVERSATION_INBOUND, good);
        kafka.send(Topics.CONVERSATION_INBOUND, poison);

        String dlq = Topics.deadLetterTopic(Topics.CONVERSATION_INBOUND, Topics.Groups.TICKET);
        var dead = kafka.readRaw(dlq, record -> poisoned.equals(record.key()), 1, WAIT);
        assertThat(EventJson.fromJson(new String(dead.get(0).value(), StandardCharsets.UTF_8),
                InboundMessageEvent.class).eventId()).isEqualTo(poison.eventId());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(historyRows(botOnly)).isEqualTo(1);
            assertThat(ticketMessages(handoff)).containsExactly(handoff.messageId(), good.messageId());
        });
    }

    /**
     * The poll's inbox rows are written together: an event the inbox already holds (applied by an earlier
     * poll or record) is not applied again, the others are, and each is recorded with its topic.
     */
    @Test
    void aTicketEventTheInboxAlreadyHoldsIsNotAppliedAgainTheRestOfThePollIs() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        InboundMessageEvent seen = followUp(handoff, "벌써 처리됨");
        InboundMessageEvent fresh = followUp(handoff, "새 메시지");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into processed_event (event_id, topic, processed_at) values (?1, ?2, now())""")
                .setParameter(1, seen.eventId()).setParameter(2, Topics.CONVERSATION_INBOUND).executeUpdate());

        polls.inbound(List.of(seen, fresh, fresh));

        assertThat(ticketMessages(handoff)).containsExactly(handoff.messageId(), fresh.messageId());
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select topic from processed_event where event_id = ?1", String.class)
                .setParameter(1, fresh.eventId()).getResultList())).containsExactly(Topics.CONVERSATION_INBOUND);
    }

    /** A poll of delivery statuses in one statement: per reply the newest wins, in the poll as across polls. */
    @Test
    void aPollOfDeliveryStatusesKeepsTheNewestOfEachReply() {
        String conversation = TestEvents.newId("conv");
        String held = TestEvents.newId("msg");
        String other = TestEvents.newId("msg");
        Instant at = Instant.parse("2026-12-07T10:00:00Z");

        polls.deliveryStatuses(List.of(
                status(conversation, held, DeliveryStatusEvent.Status.HELD_UNTIL_NEXT_MESSAGE, at),
                status(conversation, held, DeliveryStatusEvent.Status.DELIVERED, at.plusSeconds(60)),
                status(conversation, held, DeliveryStatusEvent.Status.EVENT_API, at.minusSeconds(60)),
                status(conversation, other, DeliveryStatusEvent.Status.EVENT_API, at)));
        assertThat(deliveries.of(conversation)).containsOnly(
                Map.entry(held, "DELIVERED"), Map.entry(other, "EVENT_API"));

        polls.deliveryStatuses(List.of(
                status(conversation, held, DeliveryStatusEvent.Status.HELD_UNTIL_NEXT_MESSAGE, at.plusSeconds(30)),
                status(conversation, other, DeliveryStatusEvent.Status.DELIVERED, at.plusSeconds(1))));
        assertThat(deliveries.of(conversation)).containsOnly(
                Map.entry(held, "DELIVERED"), Map.entry(other, "DELIVERED"));
    }

    private static DeliveryStatusEvent status(String conversationId, String messageId,
                                              DeliveryStatusEvent.Status status, Instant at) {
        return DeliveryStatusEvent.of(conversationId, TestEvents.CHANNEL, messageId, status, at);
    }

    /**
     * The bot-only customers of a poll are recorded together, each once, as their latest message in the poll
     * tells it: a customer writing in two conversations of one poll is not a second row to upsert.
     */
    @Test
    void aPollRecordsEachOfItsBotOnlyCustomersAsTheirLatestMessageTellsIt() {
        String twice = TestEvents.newId("cust");
        String once = TestEvents.newId("cust");
        InboundMessageEvent earlier = TestEvents.inbound(TestEvents.newId("conv"), TestEvents.newId("msg"),
                new Customer(twice, "홍길동", "ko-KR", "REGULAR"), "배송 언제 와요?");
        InboundMessageEvent other = TestEvents.inbound(TestEvents.newId("conv"), TestEvents.newId("msg"),
                new Customer(once, "김민지", "ko-KR", null), "영업시간이 어떻게 돼요?");
        InboundMessageEvent latest = TestEvents.inbound(TestEvents.newId("conv"), TestEvents.newId("msg"),
                new Customer(twice, "Gildong Hong", "en-US", "VIP"), "환불 되나요?");

        polls.inbound(List.of(earlier, other, latest));

        QuarkusTransaction.requiringNew().run(() -> {
            CustomerProfile profile = CustomerProfile.findById(twice);
            assertThat(profile.name).isEqualTo("Gildong Hong");
            assertThat(profile.locale).isEqualTo("en-US");
            assertThat(profile.tier).isEqualTo("VIP");
            assertThat(CustomerProfile.<CustomerProfile>findById(once).name).isEqualTo("김민지");
            assertThat(ChannelIdentity.of(twice)).extracting(identity -> identity.key.channelId())
                    .containsExactly(TestEvents.CHANNEL);
            assertThat(ChannelIdentity.of(once)).extracting(identity -> identity.channelType).containsExactly("web");
        });
        assertThat(historyRows(earlier.conversationId()) + historyRows(other.conversationId())
                + historyRows(latest.conversationId())).isEqualTo(3);
    }

    private static InboundMessageEvent followUp(Scenario.Handoff handoff, String text) {
        return TestEvents.inbound(handoff.conversationId(), TestEvents.newId("msg"),
                TestEvents.customer(handoff.customerId()), text);
    }

    /** The ids of the customer messages on the handoff's ticket, in the order they were created. */
    private List<String> ticketMessages(Scenario.Handoff handoff) {
        return QuarkusTransaction.requiringNew().call(() -> Message.<Message>list(
                        "ticketId = ?1 and author = ?2 order by createdAt, id", handoff.ticketId(),
                        org.supportflow.contracts.taxonomy.Author.CUSTOMER)
                .stream().map(message -> message.messageId).toList());
    }

    private long historyRows(String conversationId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from conversation_history where conversation_id = ?1")
                .setParameter(1, conversationId).getSingleResult()).longValue());
    }
}
