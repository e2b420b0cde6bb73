package org.supportflow.gateway.replies;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * A poll of replies is stored with one insert for all of them: each reply stored once, in the poll's order,
 * with its own quick replies, and a reply stored before (or twice in the poll) answered as a redelivery.
 */
@QuarkusTest
class ReplyStoreTest {

    private static final String CHANNEL = "demo-web";

    @Inject
    ReplyStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPollIsStoredInOrderOnceEachAndRedeliveriesAreRecognised() throws SQLException {
        String askedId = uniqueId("m");
        String conversationId = accept(CHANNEL, askedId, uniqueId("cust"), "어디쯤 왔나요?");
        List<String> quickReplies = List.of("예", "아니요", "a \"quoted\", {braced} \\ reply");
        OutboundMessageEvent answer = reply(conversationId, askedId, "곧 도착합니다", quickReplies);
        OutboundMessageEvent followUp = reply(conversationId, null, "더 필요하신가요?", List.of());
        OutboundMessageEvent storedBefore = reply(conversationId, null, "earlier reply", List.of("ok"));
        long earlierSequence = store.store(storedBefore).reply().sequence();
        store.markCallbackDelivered(storedBefore.messageId(), Instant.now());

        List<ReplyStore.Stored> stored = store.storeAll(List.of(answer, followUp, answer, storedBefore));

        assertThat(stored).hasSize(4);
        ReplyStore.Stored first = stored.get(0);
        assertThat(first.reply().messageId()).isEqualTo(answer.messageId());
        assertThat(first.reply().quickReplies()).isEqualTo(quickReplies);
        assertThat(first.callbackDelivered()).isFalse();
        assertThat(first.askedAt()).isEqualTo(acceptedAt(askedId));
        ReplyStore.Stored second = stored.get(1);
        assertThat(second.reply().messageId()).isEqualTo(followUp.messageId());
        assertThat(second.reply().sequence()).isGreaterThan(first.reply().sequence());
        assertThat(second.askedAt()).isNull();
        // the same reply twice in the poll: the second is a redelivery of the first
        // (sentAt as read back: PostgreSQL keeps microseconds)
        assertThat(stored.get(2).reply()).usingRecursiveComparison().ignoringFields("sentAt")
                .isEqualTo(first.reply());
        assertThat(stored.get(2).askedAt()).isNull();
        assertThat(stored.get(3).reply().sequence()).isEqualTo(earlierSequence);
        assertThat(stored.get(3).callbackDelivered()).isTrue();
        assertThat(stored.get(3).askedAt()).isNull();

        assertThat(rows(conversationId)).containsExactly(
                List.of(storedBefore.messageId(), List.of("ok")),
                List.of(answer.messageId(), quickReplies),
                List.of(followUp.messageId(), List.of()));
        assertThat(store.after(conversationId, earlierSequence, 10)).extracting(StoredReply::sequence)
                .containsExactly(first.reply().sequence(), second.reply().sequence());
    }

    private static OutboundMessageEvent reply(String conversationId, String inReplyTo, String text,
                                              List<String> quickReplies) {
        return OutboundMessageEvent.of(conversationId, CHANNEL, inReplyTo, Author.BOT, null,
                OutboundMessageEvent.Kind.ANSWER, text, quickReplies);
    }

    private Instant acceptedAt(String messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT accepted_at FROM inbound_message WHERE channel_id = ? AND message_id = ?")) {
            statement.setString(1, CHANNEL);
            statement.setString(2, messageId);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Timestamptz.instant(rs, 1);
            }
        }
    }

    /** (message id, quick replies) of a conversation's stored replies, in sequence order. */
    private List<List<Object>> rows(String conversationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT message_id, quick_replies FROM reply WHERE conversation_id = ? ORDER BY seq")) {
            statement.setString(1, conversationId);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array quick = rs.getArray(2);
                    rows.add(List.of(rs.getString(1), Arrays.asList((String[]) quick.getArray())));
                }
            }
            return rows;
        }
    }
}
