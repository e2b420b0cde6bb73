package org.supportflow.ticket.history;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.support.TestEvents;
import org.supportflow.ticket.transcript.Message;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's view of a conversation: ticket-path rows and bot-only history, each message once, in order. */
class TranscriptMergeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void historyOnlyMessagesComeInOrderWithTextAndReading() {
        InboundMessageEvent first = inbound("m1", "배송 언제 와요?");
        RoutedMessageEvent firstRouted = TestEvents.routed(first, "order_status", "배송 언제 와요?",
                RoutingDecision.Route.BOT, Priority.NORMAL, null);
        OutboundMessageEvent reply = TestEvents.botReply("conv", "m1", "내일 도착해요.");
        List<HistoryEntry> history = List.of(HistoryEntry.of(reply, NOW), HistoryEntry.of(firstRouted, NOW),
                HistoryEntry.of(first, NOW));

        List<Message> merged = TranscriptMerge.merge(List.of(), history);

        assertThat(merged).extracting(message -> message.messageId)
                .containsExactly("m1", HistoryEntry.messageIdOf(reply));
        Message customer = merged.get(0);
        assertThat(customer.author).isEqualTo(Author.CUSTOMER);
        assertThat(customer.text).isEqualTo("배송 언제 와요?");
        assertThat(customer.intent).isEqualTo("order_status");
        assertThat(customer.route).isEqualTo("BOT");
        assertThat(merged.get(1).text).isEqualTo("내일 도착해요.");
        assertThat(merged.get(1).inReplyTo).isEqualTo("m1");
    }

    @Test
    void aTicketRowIsShownOnceAndTakesItsRawTextFromTheHistoryWhenTheInboundEventWentThere() {
        InboundMessageEvent handoff = inbound("m2", "사람이랑 얘기할래요");
        // the routed event opened the ticket (a message row without raw text); the inbound event of the same
        // message was judged bot-only by a poll that looked before the ticket's commit
        Message row = new Message();
        row.id = 7L;
        row.conversationId = "conv";
        row.messageId = "m2";
        row.author = Author.CUSTOMER;
        row.kind = Message.KIND_CUSTOMER;
        row.ticketId = "T-1";
        row.intent = "human_agent";
        row.occurredAt = handoff.occurredAt();

        List<Message> merged = TranscriptMerge.merge(List.of(row), List.of(HistoryEntry.of(handoff, NOW)));

        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).text).isEqualTo("사람이랑 얘기할래요");
        assertThat(merged.get(0).ticketId).isEqualTo("T-1");
        assertThat(merged.get(0).intent).isEqualTo("human_agent");
        assertThat(row.text).as("the managed row itself is not changed").isNull();
    }

    @Test
    void aRowsOwnTextAndReadingWinOverTheHistory() {
        InboundMessageEvent inbound = inbound("m3", "history text");
        Message row = new Message();
        row.conversationId = "conv";
        row.messageId = "m3";
        row.author = Author.CUSTOMER;
        row.kind = Message.KIND_CUSTOMER;
        row.text = "row text";
        row.intent = "refund";
        row.occurredAt = inbound.occurredAt();
        RoutedMessageEvent routed = TestEvents.routed(inbound, "other", "x", RoutingDecision.Route.BOT,
                Priority.NORMAL, null);

        List<Message> merged = TranscriptMerge.merge(List.of(row),
                List.of(HistoryEntry.of(inbound, NOW), HistoryEntry.of(routed, NOW)));

        assertThat(merged).containsExactly(row);
        assertThat(merged.get(0).text).isEqualTo("row text");
        assertThat(merged.get(0).intent).isEqualTo("refund");
    }

    @Test
    void entriesOfBothTablesAreSortedByWhenTheyOccurred() {
        HistoryEntry earlier = HistoryEntry.of(inbound("m-early", "earlier"), NOW);
        Message later = new Message();
        later.conversationId = "conv";
        later.messageId = "m-late";
        later.author = Author.CUSTOMER;
        later.kind = Message.KIND_CUSTOMER;
        later.text = "later";
        later.occurredAt = earlier.occurredAt().plusSeconds(60);

        List<Message> merged = TranscriptMerge.merge(List.of(later), List.of(earlier));

        assertThat(merged).extracting(message -> message.text).containsExactly(earlier.text(), "later");
    }

    @Test
    void theActionStepOfAMessageComesOnceFromTheHistoryOrFromItsRow() {
        ActionStep asked = ActionStep.asked("order_status", "order_number", 0);
        ActionStep called = ActionStep.called("order_status", List.of("order_number"), true,
                new ActionStep.Call("ok", 200, 312));
        InboundMessageEvent question = inbound("m1", "주문 어디쯤 왔어요?");
        InboundMessageEvent number = inbound("m2", "A-1234");
        RoutedMessageEvent askedRouted = TestEvents.botAction(question, asked);
        RoutedMessageEvent calledRouted = TestEvents.botAction(number, called);
        // m2 went the ticket path without its reading yet (its inbound event opened the row); the routed event
        // of m2 is in the history, delivered twice, and m1 is history only, routed before inbound
        Message row = new Message();
        row.conversationId = "conv";
        row.messageId = "m2";
        row.author = Author.CUSTOMER;
        row.kind = Message.KIND_CUSTOMER;
        row.text = "A-1234";
        row.occurredAt = number.occurredAt();
        List<HistoryEntry> history = List.of(HistoryEntry.of(askedRouted, NOW), HistoryEntry.of(question, NOW),
                HistoryEntry.of(calledRouted, NOW), HistoryEntry.of(calledRouted, NOW));

        List<Message> merged = TranscriptMerge.merge(List.of(row), history);

        assertThat(merged).extracting(message -> message.messageId).containsExactly("m1", "m2");
        assertThat(merged.get(0).actionStep()).isEqualTo(asked);
        assertThat(merged.get(1).actionStep()).isEqualTo(called);
        assertThat(merged.get(1).text).isEqualTo("A-1234");
        assertThat(row.action).as("the managed row itself is not changed").isNull();

        // a row with its own reading keeps its own step (the same event, applied on the ticket path)
        Message annotated = TranscriptMerge.copyOf(row);
        annotated.intent = "order_status";
        annotated.action = Message.actionJson(called);
        assertThat(TranscriptMerge.merge(List.of(annotated), List.of(HistoryEntry.of(calledRouted, NOW))))
                .singleElement().satisfies(message -> assertThat(message.actionStep()).isEqualTo(called));
        // a message no action was involved in has none
        RoutedMessageEvent plain = TestEvents.routed(question, "greeting", "안녕", RoutingDecision.Route.BOT,
                Priority.NORMAL, null);
        assertThat(TranscriptMerge.merge(List.of(), List.of(HistoryEntry.of(plain, NOW))).get(0).action).isNull();
    }

    @Test
    void aStoredStepThatNoLongerReadsIsLeftOutInsteadOfFailingTheTranscript() {
        Message message = new Message();
        message.action = "{\"action\":\"order_status\",\"step\":\"SOMETHING_NEWER\"}";

        assertThat(message.actionStep()).isNull();
        message.action = Message.actionJson(ActionStep.gaveUp("order_status", "order_number"));
        assertThat(message.actionStep()).isEqualTo(ActionStep.gaveUp("order_status", "order_number"));
    }

    private static InboundMessageEvent inbound(String messageId, String text) {
        return TestEvents.inbound("conv", messageId, TestEvents.customer("cust"), text);
    }
}
