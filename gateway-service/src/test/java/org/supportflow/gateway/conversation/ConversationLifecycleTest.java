package org.supportflow.gateway.conversation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** One open conversation per (channel, customer), ended by idleness, a closed ticket or an erasure. */
@QuarkusTest
class ConversationLifecycleTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCustomersMessagesShareTheOpenConversation() {
        String customerId = uniqueId("cust");
        String first = accept("demo-web", uniqueId("m"), customerId, "안녕하세요");
        String second = accept("demo-web", uniqueId("m"), customerId, "주문 확인 부탁드려요");
        assertThat(second).isEqualTo(first);

        String otherCustomer = accept("demo-web", uniqueId("m"), uniqueId("cust"), "hello");
        assertThat(otherCustomer).isNotEqualTo(first);
        String otherChannel = accept("demo-kakao", uniqueId("m"), customerId, "hello");
        assertThat(otherChannel).isNotEqualTo(first);
    }

    @Test
    void anIdleConversationIsFollowedByANewOne() throws InterruptedException {
        // channel test-short-idle: conversations end after 2 s without a customer message (%test config)
        String customerId = uniqueId("cust");
        String first = accept("test-short-idle", uniqueId("m"), customerId, "hi");
        Thread.sleep(2_500);
        String second = accept("test-short-idle", uniqueId("m"), customerId, "hi again");
        assertThat(second).isNotEqualTo(first);
        String third = accept("test-short-idle", uniqueId("m"), customerId, "still there?");
        assertThat(third).isEqualTo(second);
    }

    @Test
    void aClosedTicketEndsTheConversation() {
        String customerId = uniqueId("cust");
        String first = accept("demo-web", uniqueId("m"), customerId, "배송이 늦어요");
        kafka().send(Topics.TICKET_EVENTS, ticketEvent(first, TicketStatus.CLOSED));

        AtomicReference<String> next = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            next.set(accept("demo-web", uniqueId("m"), customerId, "또 문의드립니다"));
            return !next.get().equals(first);
        });
        assertThat(accept("demo-web", uniqueId("m"), customerId, "감사합니다")).isEqualTo(next.get());
    }

    @Test
    void aSolvedTicketKeepsTheConversationWithinTheGracePeriod() {
        String customerId = uniqueId("cust");
        String first = accept("demo-web", uniqueId("m"), customerId, "문의");
        kafka().send(Topics.TICKET_EVENTS, ticketEvent(first, TicketStatus.SOLVED));
        // the positive marker that the event was applied: the conversation knows it was solved
        await().atMost(Duration.ofSeconds(20)).until(() -> solvedAt(first) != null);
        assertThat(accept("demo-web", uniqueId("m"), customerId, "감사합니다")).isEqualTo(first);
    }

    private Timestamp solvedAt(String conversationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT solved_at FROM conversation WHERE id = ?")) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1) : null;
            }
        }
    }

    @Test
    void erasureDeletesRepliesAndForgetsTheCustomer() {
        String customerId = uniqueId("cust");
        String messageId = uniqueId("m");
        String conversationId = accept("demo-web", messageId, customerId, "제 전화번호는 010-1234-5678 입니다");
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-web", messageId,
                Author.AGENT, "agent1", OutboundMessageEvent.Kind.AGENT_REPLY, "확인했습니다", List.of()));
        String target = "/api/v1/conversations/" + conversationId + "/replies";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet("demo-web", SECRET, target).then().extract().<List<?>>path("replies").size() == 1);

        kafka().send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of(customerId, List.of(), "admin1"));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet("demo-web", SECRET, target).then().extract().<List<?>>path("replies").isEmpty());
        // the customer id is gone from the conversation: their next message opens a new one
        assertThat(accept("demo-web", uniqueId("m"), customerId, "안녕하세요")).isNotEqualTo(conversationId);
    }

    private static TicketEvent ticketEvent(String conversationId, TicketStatus status) {
        return new TicketEvent(PlatformEvent.newEventId(), TicketEvent.SCHEMA_VERSION, Instant.now(), conversationId,
                "demo-web", null, "ticket-" + conversationId, TicketEvent.Type.STATUS_CHANGED, status, null, null,
                null, null, null, Map.of());
    }
}
