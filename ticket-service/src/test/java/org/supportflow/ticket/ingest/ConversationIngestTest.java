package org.supportflow.ticket.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.ticket.customers.ChannelIdentity;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.history.Transcripts;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.transcript.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Ingestion from the real broker: idempotent, in any order, with the ticket events it causes. */
@QuarkusTest
class ConversationIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ConversationIngest ingest;

    @Inject
    Transcripts transcripts;

    @Test
    void aHandoffStoresTheProfileTheTranscriptAndOneTicketEvenWhenEveryEventIsDeliveredTwice() {
        String conversationId = TestEvents.newId("conv");
        String customerId = TestEvents.newId("cust");
        String messageId = TestEvents.newId("msg");
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, messageId, TestEvents.customer(customerId),
                Scenario.RAW_TEXT);
        RoutedMessageEvent routed = TestEvents.handoff(inbound, Priority.HIGH);

        kafka.send(Topics.CONVERSATION_INBOUND, inbound);
        kafka.send(Topics.CONVERSATION_ROUTED, routed);
        kafka.send(Topics.CONVERSATION_INBOUND, inbound);
        kafka.send(Topics.CONVERSATION_ROUTED, routed);
        // the same message again under a new event id (e.g. a producer retry upstream)
        kafka.send(Topics.CONVERSATION_ROUTED, TestEvents.handoff(inbound, Priority.HIGH));

        TicketEvent created = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.conversationId().equals(conversationId) && event.type() == TicketEvent.Type.CREATED,
                WAIT).value();
        assertThat(created.priority()).isEqualTo(Priority.HIGH);
        assertThat(created.handoffReason()).isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(created.intent()).isEqualTo("delivery_problem");
        assertThat(created.messageId()).isEqualTo(messageId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(annotated(conversationId, messageId)).isTrue());
        // give the duplicates time to be (not) applied, then count
        List<TicketEvent> createdEvents = kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.conversationId().equals(conversationId) && event.type() == TicketEvent.Type.CREATED,
                10, Duration.ofSeconds(5)).stream().map(KafkaTestClient.Received::value).toList();
        assertThat(createdEvents).hasSize(1);

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Ticket.count("conversationId", conversationId)).isEqualTo(1);
            // the inbound event may have come before the ticket (bot-only history) or after it (a message row):
            // the agent's transcript has the message once, either way
            List<Message> transcript = transcripts.of(conversationId);
            assertThat(transcript).hasSize(1);
            Message message = transcript.get(0);
            assertThat(message.text).isEqualTo(Scenario.RAW_TEXT);
            assertThat(message.maskedText).isEqualTo(Scenario.RAW_TEXT);
            assertThat(message.author).isEqualTo(Author.CUSTOMER);
            assertThat(message.ticketId).isEqualTo(created.ticketId());
            CustomerProfile profile = CustomerProfile.findById(customerId);
            assertThat(profile.name).isEqualTo("홍길동");
            assertThat(profile.tier).isEqualTo("VIP");
            assertThat(profile.locale).isEqualTo("ko-KR");
            assertThat(ChannelIdentity.of(customerId)).extracting(identity -> identity.key.channelId())
                    .containsExactly(TestEvents.CHANNEL);
        });
    }

    @Test
    void anAssignmentBeforeItsHandoffOpensAShellThatTheHandoffCompletes() {
        String conversationId = TestEvents.newId("conv");
        String messageId = TestEvents.newId("msg");
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, messageId,
                TestEvents.customer(TestEvents.newId("cust")), Scenario.RAW_TEXT);

        ingest.onAssignment(TestEvents.assignment(conversationId, messageId, "agent7"));
        Ticket shell = Scenario.activeTicket(conversationId).orElseThrow();
        assertThat(shell.awaitingHandoff).isTrue();
        assertThat(shell.assigneeId).isEqualTo("agent7");
        assertThat(shell.handoffReason).isNull();

        ingest.onRouted(TestEvents.handoff(inbound, Priority.URGENT));
        ingest.onInbound(inbound);

        Ticket ticket = Scenario.ticket(shell.id);
        assertThat(ticket.awaitingHandoff).isFalse();
        assertThat(ticket.handoffReason).isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(ticket.priority).isEqualTo(Priority.URGENT);
        assertThat(ticket.assigneeId).isEqualTo("agent7");
        assertThat(ticket.intent).isEqualTo("delivery_problem");
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Ticket.count("conversationId", conversationId)).isEqualTo(1);
            Message message = Message.of(conversationId, messageId).orElseThrow();
            assertThat(message.ticketId).isEqualTo(shell.id);
            assertThat(message.text).isEqualTo(Scenario.RAW_TEXT);
        });
        List<TicketEvent.Type> types = kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        event -> event.ticketId().equals(shell.id), 10, Duration.ofSeconds(5)).stream()
                .map(received -> received.value().type()).toList();
        // The words came after the handoff: consoles showing the ticket hear of them.
        assertThat(types).containsExactly(TicketEvent.Type.CREATED, TicketEvent.Type.ASSIGNED,
                TicketEvent.Type.PRIORITY_CHANGED, TicketEvent.Type.MESSAGE_UPDATED);
    }

    @Test
    void concurrentHandoffAssignmentAndInboundOpenExactlyOneTicketPerConversation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String conversationId = TestEvents.newId("conv");
                String messageId = TestEvents.newId("msg");
                conversations.add(conversationId);
                InboundMessageEvent inbound = TestEvents.inbound(conversationId, messageId,
                        TestEvents.customer(TestEvents.newId("cust")), Scenario.RAW_TEXT);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> work = List.of(
                        pool.submit(() -> awaitThen(start, () -> ingest.onRouted(TestEvents.handoff(inbound, Priority.HIGH)))),
                        pool.submit(() -> awaitThen(start, () ->
                                ingest.onAssignment(TestEvents.assignment(conversationId, messageId, "agent3")))),
                        pool.submit(() -> awaitThen(start, () -> ingest.onInbound(inbound))));
                start.countDown();
                for (Future<?> future : work) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            QuarkusTransaction.requiringNew().run(() -> {
                for (String conversationId : conversations) {
                    assertThat(Ticket.count("conversationId", conversationId)).isEqualTo(1);
                    assertThat(Message.count("conversationId", conversationId)).isEqualTo(1);
                    Ticket ticket = Ticket.activeOf(conversationId).orElseThrow();
                    assertThat(ticket.assigneeId).isEqualTo("agent3");
                    assertThat(ticket.handoffReason).isEqualTo(HandoffReason.INTENT_POLICY);
                    assertThat(ticket.awaitingHandoff).isFalse();
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitThen(CountDownLatch start, Runnable work) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        work.run();
    }

    @Test
    void aStaleAssignmentForAnEndedTicketOpensNothing() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket ticket = Ticket.findById(handoff.ticketId());
            ticket.status = TicketStatus.CLOSED;
        });
        ingest.onAssignment(TestEvents.assignment(handoff.conversationId(), handoff.messageId(), "agent7"));
        assertThat(Scenario.activeTicket(handoff.conversationId())).isEmpty();
    }

    @Test
    void routedBeforeInboundKeepsOneMessageWithRawTextAndAnnotations() {
        String conversationId = TestEvents.newId("conv");
        String messageId = TestEvents.newId("msg");
        InboundMessageEvent inbound = TestEvents.inbound(conversationId, messageId,
                TestEvents.customer(TestEvents.newId("cust")), Scenario.RAW_TEXT);
        RoutedMessageEvent routed = TestEvents.routed(inbound, "order_status", Scenario.MASKED_TEXT,
                RoutingDecision.Route.BOT, Priority.NORMAL, null);

        ingest.onRouted(routed);
        ingest.onInbound(inbound);
        OutboundMessageEvent reply = TestEvents.botReply(conversationId, messageId, "배송 조회는 여기에서 하실 수 있어요.");
        ingest.onOutbound(reply);
        ingest.onOutbound(reply);

        QuarkusTransaction.requiringNew().run(() -> {
            List<Message> transcript = Message.transcriptOf(conversationId);
            assertThat(transcript).extracting(message -> message.author)
                    .containsExactly(Author.CUSTOMER, Author.BOT);
            Message customer = transcript.get(0);
            assertThat(customer.text).isEqualTo(Scenario.RAW_TEXT);
            assertThat(customer.maskedText).isEqualTo(Scenario.MASKED_TEXT);
            assertThat(customer.intent).isEqualTo("order_status");
            assertThat(customer.confidence).isEqualTo(0.91);
            assertThat(customer.sentiment).isEqualTo("negative");
            assertThat(customer.language).isEqualTo("ko");
            assertThat(transcript.get(1).inReplyTo).isEqualTo(messageId);
            assertThat(Ticket.count("conversationId", conversationId)).isZero();
        });
    }

    @Test
    void aFollowUpOnTheActiveTicketIsPublishedOnceAsCustomerMessage() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String followUp = TestEvents.newId("msg");
        InboundMessageEvent inbound = TestEvents.inbound(handoff.conversationId(), followUp,
                TestEvents.customer(handoff.customerId()), "언제 와요?");
        ingest.onInbound(inbound);
        ingest.onRouted(TestEvents.routed(inbound, "order_status", "언제 와요?",
                RoutingDecision.Route.HUMAN_CONTINUED, Priority.NORMAL, null));

        List<TicketEvent> events = ticketEvents(handoff.ticketId(), Set.of(TicketEvent.Type.CUSTOMER_MESSAGE));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).messageId()).isEqualTo(followUp);
        assertThat(events.get(0).status()).isEqualTo(TicketStatus.NEW);
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(Message.of(handoff.conversationId(), followUp).orElseThrow().ticketId)
                        .isEqualTo(handoff.ticketId()));
    }

    @Test
    void aMessageOnTheTicketIsAnnouncedAgainWhenItsOtherHalfArrives() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        // The reading first: the message joins the ticket without its words, which come next.
        String wordsLast = TestEvents.newId("msg");
        InboundMessageEvent late = TestEvents.inbound(handoff.conversationId(), wordsLast,
                TestEvents.customer(handoff.customerId()), "그리고 배송비는 얼마예요?");
        ingest.onRouted(TestEvents.routed(late, "shipping_info", "그리고 배송비는 얼마예요?",
                RoutingDecision.Route.HUMAN_CONTINUED, Priority.NORMAL, null));
        ingest.onInbound(late);
        ingest.onInbound(late);
        // The words first: the reading comes next.
        String readingLast = TestEvents.newId("msg");
        InboundMessageEvent early = TestEvents.inbound(handoff.conversationId(), readingLast,
                TestEvents.customer(handoff.customerId()), "언제 와요?");
        ingest.onInbound(early);
        ingest.onRouted(TestEvents.routed(early, "order_status", "언제 와요?",
                RoutingDecision.Route.HUMAN_CONTINUED, Priority.NORMAL, null));

        List<TicketEvent> events = ticketEvents(handoff.ticketId(),
                Set.of(TicketEvent.Type.CUSTOMER_MESSAGE, TicketEvent.Type.MESSAGE_UPDATED));
        assertThat(events).extracting(TicketEvent::messageId, TicketEvent::type).containsExactlyInAnyOrder(
                tuple(wordsLast, TicketEvent.Type.CUSTOMER_MESSAGE), tuple(wordsLast, TicketEvent.Type.MESSAGE_UPDATED),
                tuple(readingLast, TicketEvent.Type.CUSTOMER_MESSAGE),
                tuple(readingLast, TicketEvent.Type.MESSAGE_UPDATED));
    }

    /** The ticket's events of these types published within a few seconds (at most 10). */
    private List<TicketEvent> ticketEvents(String ticketId, Set<TicketEvent.Type> types) {
        return kafka.collect(Topics.TICKET_EVENTS, TicketEvent.class,
                        event -> event.ticketId().equals(ticketId) && types.contains(event.type()), 10,
                        Duration.ofSeconds(5))
                .stream().map(KafkaTestClient.Received::value).toList();
    }

    @Test
    void aCustomerMessageReopensASolvedTicket() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket ticket = Ticket.findById(handoff.ticketId());
            ticket.status = TicketStatus.SOLVED;
        });
        String again = TestEvents.newId("msg");
        ingest.onInbound(TestEvents.inbound(handoff.conversationId(), again, TestEvents.customer(handoff.customerId()),
                "아직도 안 왔어요"));

        Ticket ticket = Scenario.ticket(handoff.ticketId());
        assertThat(ticket.status).isEqualTo(TicketStatus.OPEN);
        TicketEvent reopened = kafka.await(Topics.TICKET_EVENTS, TicketEvent.class,
                event -> event.ticketId().equals(handoff.ticketId())
                        && event.type() == TicketEvent.Type.STATUS_CHANGED, WAIT).value();
        assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(reopened.attributes()).containsEntry("from", "SOLVED");
        assertThat(reopened.messageId()).isEqualTo(again);
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopic() {
        String key = TestEvents.newId("conv");
        kafka.sendRaw(Topics.CONVERSATION_INBOUND, key, "{not json".getBytes(StandardCharsets.UTF_8));
        String dlq = Topics.deadLetterTopic(Topics.CONVERSATION_INBOUND, Topics.Groups.TICKET);
        var dead = kafka.readRaw(dlq, record -> key.equals(record.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    private boolean annotated(String conversationId, String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> transcripts.of(conversationId).stream()
                .filter(message -> message.messageId.equals(messageId)).findFirst()
                .map(message -> message.text != null && message.intent != null && message.ticketId != null)
                .orElse(false));
    }
}
