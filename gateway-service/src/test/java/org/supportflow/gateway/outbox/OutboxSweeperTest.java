package org.supportflow.gateway.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.dedup.MessageKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * The crash window: a message committed but never published is published by the sweeper; a conversation's
 * messages are handed to Kafka in the order they were accepted, each only once the earlier ones were acknowledged.
 */
@QuarkusTest
class OutboxSweeperTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxSweeper sweeper;

    @Inject
    OutboxStore store;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Test
    void publishesAnAcceptedMessageWhoseEventWasNeverSent() throws SQLException {
        String messageId = uniqueId("m");
        String conversationId = uniqueId("conv");
        InboundMessageEvent event = InboundMessageEvent.of(conversationId, "demo-web", ChannelType.WEB, messageId,
                new Customer(uniqueId("cust"), null, "ko-KR", null), "택배가 분실된 것 같아요", null, Map.of());
        // as if the gateway had committed the message and died before publishing it
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event)
                     VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, "demo-web");
            insert.setString(2, messageId);
            insert.setString(3, conversationId);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
            insert.setString(5, EventJson.toJson(event));
            insert.executeUpdate();
        }

        sweeper.sweep();

        KafkaTestClient.Received<InboundMessageEvent> published = kafka().await(Topics.CONVERSATION_INBOUND,
                InboundMessageEvent.class, e -> messageId.equals(e.messageId()), Duration.ofSeconds(20));
        assertThat(published.key()).isEqualTo(conversationId);
        assertThat(published.value().eventId()).isEqualTo(event.eventId());
        assertThat(published.value().text()).isEqualTo("택배가 분실된 것 같아요");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT published_at, event FROM inbound_message WHERE channel_id = ? AND message_id = ?")) {
            select.setString(1, "demo-web");
            select.setString(2, messageId);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isBeforeOrEqualTo(Instant.now());
                assertThat(rs.getString(2)).as("the raw text is dropped once published").isNull();
            }
        }
    }

    @Test
    void aMessageIsNeverSentBeforeTheEarlierOnesOfItsConversationWereAcknowledged() throws SQLException {
        String conversationId = uniqueId("conv");
        String otherConversation = uniqueId("conv");
        List<String> ids = List.of(uniqueId("m"), uniqueId("m"), uniqueId("m"));
        for (int i = 0; i < ids.size(); i++) {
            insertUnpublished(ids.get(i), conversationId, 10 - i);
        }
        String other = uniqueId("m");
        insertUnpublished(other, otherConversation, 9);
        // What a producer does after a batch expired: the second message fails, a later one would still be written.
        Set<String> failing = ConcurrentHashMap.newKeySet();
        failing.add(ids.get(1));
        List<String> written = new CopyOnWriteArrayList<>();
        InboundPublisher producer = new InboundPublisher() {
            @Override
            public CompletionStage<Void> publish(MessageKey key, InboundMessageEvent event) {
                if (failing.contains(event.messageId())) {
                    return CompletableFuture.failedFuture(new IllegalStateException("batch expired"));
                }
                written.add(event.messageId());
                return CompletableFuture.completedFuture(null);
            }
        };
        OutboxSweeper ownSweeper = new OutboxSweeper(store, producer, config, clock);

        ownSweeper.sweepBatch();
        // The third was never handed to Kafka (so it cannot land before the second); another conversation goes on.
        assertThat(written).filteredOn(ids::contains).containsExactly(ids.get(0));
        assertThat(written).contains(other);

        failing.clear();
        ownSweeper.sweepBatch();
        assertThat(written).filteredOn(ids::contains).containsExactlyElementsOf(ids);
    }

    private void insertUnpublished(String messageId, String conversationId, int minutesAgo) throws SQLException {
        InboundMessageEvent event = InboundMessageEvent.of(conversationId, "demo-web", ChannelType.WEB, messageId,
                new Customer(uniqueId("cust"), null, "en-US", null), "where is my order?", null, Map.of());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO inbound_message (channel_id, message_id, conversation_id, accepted_at, event)
                     VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, "demo-web");
            insert.setString(2, messageId);
            insert.setString(3, conversationId);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo));
            insert.setString(5, EventJson.toJson(event));
            insert.executeUpdate();
        }
    }
}
