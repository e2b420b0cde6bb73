package org.supportflow.gateway.delivery;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * Replies are consumed a poll at a time and stored in one transaction: a record that cannot be stored, one that
 * cannot be read and one for an unknown channel go to the dead-letter topic, the others of the poll are stored,
 * in order.
 */
@QuarkusTest
class OutboundPollTest {

    private static final String DLQ = Topics.deadLetterTopic(Topics.CONVERSATION_OUTBOUND, Topics.Groups.GATEWAY);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void poisonRecordsOfAPollAreDeadLetteredAndTheirNeighboursStoredInOrder() throws Exception {
        String conversationId = uniqueId("conv");
        OutboundMessageEvent before = reply(conversationId, "demo-web", "first answer");
        // PostgreSQL refuses a NUL character in text: storing this one fails for good
        OutboundMessageEvent unstorable = reply(conversationId, "demo-web", "broken \u0000 answer");
        OutboundMessageEvent unknownChannel = reply(conversationId, "no-such-channel", "lost answer");
        OutboundMessageEvent after = reply(conversationId, "demo-web", "second answer");
        String garbage = uniqueId("garbage");

        // one key, so one partition: in this order, most likely in one poll
        kafka().send(Topics.CONVERSATION_OUTBOUND, before);
        kafka().send(Topics.CONVERSATION_OUTBOUND, unstorable);
        kafka().sendRaw(Topics.CONVERSATION_OUTBOUND, conversationId, "{not json " + garbage);
        kafka().send(Topics.CONVERSATION_OUTBOUND, unknownChannel);
        kafka().send(Topics.CONVERSATION_OUTBOUND, after);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedReplies(conversationId).size() == 2);
        assertThat(storedReplies(conversationId)).containsExactly(before.messageId(), after.messageId());

        List<String> parked = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> dead = kafka().readRaw(DLQ, record -> record.value() != null
                && conversationId.equals(record.key()), 3, Duration.ofSeconds(30));
        for (ConsumerRecord<String, byte[]> record : dead) {
            parked.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertThat(parked).hasSize(3);
        assertThat(parked).anySatisfy(value -> assertThat(value).contains(garbage));
        assertThat(parked.stream().filter(value -> !value.contains(garbage))
                .map(value -> EventJson.fromJson(value, OutboundMessageEvent.class).messageId()))
                .containsExactlyInAnyOrder(unstorable.messageId(), unknownChannel.messageId());
    }

    private static OutboundMessageEvent reply(String conversationId, String channelId, String text) {
        return OutboundMessageEvent.of(conversationId, channelId, uniqueId("m"), Author.BOT, null,
                OutboundMessageEvent.Kind.ANSWER, text, List.of());
    }

    private List<String> storedReplies(String conversationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT message_id FROM reply WHERE conversation_id = ? ORDER BY seq")) {
            statement.setString(1, conversationId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
