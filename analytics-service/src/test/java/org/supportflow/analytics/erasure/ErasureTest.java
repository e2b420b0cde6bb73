package org.supportflow.analytics.erasure;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.summary.AnalyticsSummary;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.Summaries;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code customer.erasure} clears the customer's masked texts, in the listed conversations and in those
 * found by the customer key, and keeps every count; a late message of an erased conversation is counted
 * without its text.
 */
@QuarkusTest
class ErasureTest {

    private static final Instant FROM = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-05-02T00:00:00Z");

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    AgroalDataSource dataSource;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void erasureClearsTextsAndKeepsCounts() throws Exception {
        String run = Events.id().substring(0, 8);
        String customer = "cust-erase-" + run;
        String listed = "erase-listed-" + run;
        String unlisted = "erase-unlisted-" + run;
        String other = "erase-other-" + run;
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(listed, "demo-web", customer,
                Instant.parse("2026-05-01T10:00:00Z"), "out_of_scope", 0.2, "listed one"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(listed, "demo-web", customer,
                Instant.parse("2026-05-01T10:01:00Z"), "out_of_scope", 0.1, "listed two"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(unlisted, "demo-web", customer,
                Instant.parse("2026-05-01T11:00:00Z"), "out_of_scope", 0.3, "unlisted"));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(other, "demo-web", "cust-keep-" + run,
                Instant.parse("2026-05-01T12:00:00Z"), "out_of_scope", 0.3, "another customer"));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(FROM, TO).unrecognized())
                        .extracting(AnalyticsSummary.UnrecognizedMessage::maskedText)
                        .containsExactly("another customer", "unlisted", "listed two", "listed one"));

        // ticket-service only knew the first conversation; the second is found by the customer key
        kafka.send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of(customer, List.of(listed), "admin1"));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            AnalyticsSummary summary = Summaries.fetch(FROM, TO);
            assertThat(summary.unrecognized()).extracting(AnalyticsSummary.UnrecognizedMessage::maskedText)
                    .containsExactly("another customer");
            assertThat(summary.unrecognizedCount()).isEqualTo(4);
            assertThat(summary.messages()).isEqualTo(4);
            assertThat(summary.conversations()).isEqualTo(3);
        });
        assertThat(textsOf(listed, unlisted)).isZero();
        assertThat(customerKeysOf(listed, unlisted)).isZero();
        assertThat(textsOf(other, other)).isEqualTo(1);

        // a late message of an erased conversation is counted, its text is not stored
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(listed, "demo-web", customer,
                Instant.parse("2026-05-01T13:00:00Z"), "out_of_scope", 0.2, "late text"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(FROM, TO).messages()).isEqualTo(5));
        AnalyticsSummary summary = Summaries.fetch(FROM, TO);
        assertThat(summary.unrecognizedCount()).isEqualTo(5);
        assertThat(summary.unrecognized()).extracting(AnalyticsSummary.UnrecognizedMessage::maskedText)
                .containsExactly("another customer");
        assertThat(textsOf(listed, unlisted)).isZero();
    }

    private long textsOf(String first, String second) throws Exception {
        return count("select count(*) from message_fact where conversation_id in (?, ?) and masked_text is not null",
                first, second);
    }

    private long customerKeysOf(String first, String second) throws Exception {
        return count("select count(*) from message_fact where conversation_id in (?, ?) and customer_key is not null",
                first, second);
    }

    private long count(String sql, String first, String second) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first);
            statement.setString(2, second);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
