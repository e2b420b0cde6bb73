package org.supportflow.analytics.facts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.analytics.facts.FactRecorder.TicketOutcome;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.analytics.support.Events;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.web.jdbc.CountingDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll of ticket events recorded as {@code TicketEventListener} records it (one transaction), against the test
 * PostgreSQL: its facts in one insert, a repeated or redelivered event stored once, and the first response and
 * the resolution measured once per ticket, each event against the facts before it in poll order. The facts are
 * dated 2031 and their tickets named per run, so that no other test's figures see them.
 */
@QuarkusTest
class TicketPollTest {

    private static final Instant T0 = Instant.parse("2031-03-01T09:00:00Z");
    private static final String CHANNEL = "demo-web";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CustomerKeys customerKeys;

    private CountingDataSource<AgroalDataSource> counting;
    private FactRecorder recorder;
    private String run;

    @BeforeEach
    void setUp() {
        counting = CountingDataSource.wrap(AgroalDataSource.class, dataSource);
        recorder = new FactRecorder(new FactStore(counting.dataSource()), customerKeys);
        run = "poll-" + Events.id().substring(0, 8) + "-";
    }

    @Test
    void aPollsFactsAreOneInsertHoweverManyEventsItHolds() throws SQLException {
        List<TicketEvent> opened = new ArrayList<>();
        List<TicketEvent> finished = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ticket = run + i;
            opened.add(event(ticket, TicketEvent.Type.CREATED, T0));
            opened.add(event(ticket, TicketEvent.Type.ASSIGNED, T0.plusSeconds(5)));
            opened.add(event(ticket, TicketEvent.Type.PRIORITY_CHANGED, T0.plusSeconds(10)));
            finished.add(event(ticket, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(60 + i)));
            finished.add(Events.solved(ticket, CHANNEL, ticket, T0.plusSeconds(600 + i), Priority.NORMAL));
        }

        List<TicketOutcome> openings = record(opened);

        assertThat(openings).hasSize(120).allMatch(TicketOutcome::stored);
        assertThat(counting.statements()).singleElement().satisfies(sql ->
                assertThat(sql).startsWith("insert into ticket_fact"));
        assertThat(storedFacts()).isEqualTo(120);

        List<TicketOutcome> finishings = record(finished);

        assertThat(finishings).allMatch(TicketOutcome::stored);
        assertThat(finishings.stream().filter(o -> o.firstResponse() != null)).hasSize(40);
        assertThat(finishings.stream().filter(o -> o.resolution() != null)).hasSize(40);
        assertThat(counting.statements()).as("one insert, and one read of what the tickets reached before")
                .hasSize(2)
                .filteredOn(sql -> sql.startsWith("insert")).hasSize(1);
        assertThat(storedFacts()).isEqualTo(200);
    }

    @Test
    void anEventTwiceInAPollOrDeliveredAgainIsStoredAndMeasuredOnce() throws SQLException {
        String ticket = run + "dup";
        TicketEvent created = event(ticket, TicketEvent.Type.CREATED, T0);
        TicketEvent reply = event(ticket, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(60));
        TicketEvent csat = Events.csat(ticket, CHANNEL, ticket, T0.plusSeconds(900), 4);

        List<TicketOutcome> first = record(List.of(created, reply, reply, csat));

        assertThat(first).extracting(TicketOutcome::stored).containsExactly(true, true, false, true);
        assertThat(first).extracting(TicketOutcome::firstResponse)
                .containsExactly(null, Duration.ofSeconds(60), null, null);
        assertThat(storedFacts()).isEqualTo(3);

        // the same poll again (a crash before the acknowledgement), with a new event after it
        TicketEvent reprioritised = event(ticket, TicketEvent.Type.PRIORITY_CHANGED, T0.plusSeconds(950));
        List<TicketOutcome> again = record(List.of(created, reply, reply, csat, reprioritised));

        assertThat(again).extracting(TicketOutcome::stored).containsExactly(false, false, false, false, true);
        assertThat(again).allMatch(o -> o.firstResponse() == null && o.resolution() == null);
        assertThat(counting.statements()).as("nothing to measure: the insert alone").hasSize(1);
        assertThat(storedFacts()).isEqualTo(4);
    }

    @Test
    void twoMilestoneEventsOfATicketInOnePollAreMeasuredOnce() {
        String ticket = run + "twice";
        String tie = run + "tie";
        List<TicketOutcome> outcomes = record(List.of(
                event(ticket, TicketEvent.Type.CREATED, T0),
                event(tie, TicketEvent.Type.CREATED, T0),
                event(ticket, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(60)),
                event(tie, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(30)),
                event(ticket, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(120)),
                event(tie, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(30)),
                Events.solved(ticket, CHANNEL, ticket, T0.plusSeconds(600), Priority.NORMAL),
                closed(ticket, T0.plusSeconds(700))));

        assertThat(outcomes).allMatch(TicketOutcome::stored);
        assertThat(outcomes).extracting(TicketOutcome::firstResponse).containsExactly(
                null, null, Duration.ofSeconds(60), Duration.ofSeconds(30), null, null, null, null);
        assertThat(outcomes).extracting(TicketOutcome::resolution).containsExactly(
                null, null, null, null, null, null, Duration.ofMinutes(10), null);
    }

    @Test
    void eachEventIsMeasuredAgainstTheFactsBeforeItOnly() {
        String earlier = run + "earlier";
        String late = run + "late";
        record(List.of(
                event(earlier, TicketEvent.Type.CREATED, T0),
                event(earlier, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(60))));

        List<TicketOutcome> outcomes = record(List.of(
                event(earlier, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(90)),
                Events.solved(earlier, CHANNEL, earlier, T0.plusSeconds(300), Priority.NORMAL),
                // the creation comes after the reply in the poll: recorded one by one, the reply knew of none
                event(late, TicketEvent.Type.AGENT_REPLIED, T0.plusSeconds(60)),
                event(late, TicketEvent.Type.CREATED, T0)));

        assertThat(outcomes).extracting(TicketOutcome::firstResponse).as("replied in an earlier poll")
                .containsOnlyNulls();
        assertThat(outcomes).extracting(TicketOutcome::resolution)
                .containsExactly(null, Duration.ofMinutes(5), null, null);

        TicketOutcome solved = record(List.of(Events.solved(late, CHANNEL, late, T0.plusSeconds(100),
                Priority.NORMAL))).get(0);
        assertThat(solved.resolution()).as("created in an earlier poll").isEqualTo(Duration.ofSeconds(100));
    }

    private List<TicketOutcome> record(List<TicketEvent> poll) {
        counting.reset();
        return QuarkusTransaction.requiringNew().call(() -> recorder.recordAllTickets(poll));
    }

    private static TicketEvent event(String ticket, TicketEvent.Type type, Instant at) {
        return Events.ticket(ticket, CHANNEL, ticket, type, at);
    }

    private static TicketEvent closed(String ticket, Instant at) {
        return Events.ticket(ticket, CHANNEL, ticket, TicketEvent.Type.STATUS_CHANGED, at, TicketStatus.CLOSED,
                Priority.NORMAL, null, Map.of());
    }

    private long storedFacts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from ticket_fact where ticket_id like ?")) {
            statement.setString(1, run + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
