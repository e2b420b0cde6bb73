package org.supportflow.routing.flow;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueEntry;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.testing.Db;
import org.supportflow.web.jdbc.CountingDataSource;
import org.supportflow.web.jdbc.Jdbc;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.routing.testing.Events.id;
import static org.supportflow.routing.testing.Events.ticket;

/**
 * A poll of ticket events applied at once: one transaction, its conversations locked in one statement and the
 * changed ones written in one, each conversation's events in their order, a customer message on a ticket a
 * human has writing nothing, a finished ticket's event creating nothing, and an unreadable or failing record
 * isolated to the dead-letter topic while the rest of its poll takes effect.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TicketPollTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Jdbc jdbc;
    @Inject
    ConversationStore conversations;
    @Inject
    AssignmentStore assignments;
    @Inject
    QueueStore queue;
    @Inject
    SkillRequirements skills;
    @Inject
    BusinessHours schedule;

    private CountingDataSource<DataSource> counter;
    /** Counts the drains of the handler's queue dispatcher: each starts by asking the hours once. */
    private CountingClock hoursAsked;
    private TicketEventHandler tickets;

    @BeforeEach
    void countingHandler() {
        counter = CountingDataSource.wrap(DataSource.class, dataSource);
        hoursAsked = new CountingClock();
        QueueDispatcher dispatcher = new QueueDispatcher(jdbc, conversations, queue, assignments,
                new AgentHours(schedule, AgentHours.Override.OPEN, hoursAsked), Clock.systemUTC(), 200);
        tickets = new TicketEventHandler(new Jdbc(counter.dataSource(), Jdbc.DEFAULT_MAX_ATTEMPTS), conversations,
                assignments, queue, dispatcher, skills, Clock.systemUTC());
    }

    @Test
    void aPollsConversationsCostTheSameStatementsWhateverItsSize() {
        int small = statementsToOpenTickets(2);
        int large = statementsToOpenTickets(8);

        // lock all (creating them) and write the changed states: two, not two per event
        assertThat(small).isEqualTo(2);
        assertThat(large).isEqualTo(small);
    }

    /** A poll that opens a ticket on new conversations, with customer messages on it: three events each. */
    private int statementsToOpenTickets(int conversationsInPoll) {
        List<String> ids = new ArrayList<>();
        List<TicketEvent> poll = new ArrayList<>();
        for (int i = 0; i < conversationsInPoll; i++) {
            ids.add(id("tp-size"));
            poll.add(ticket(ids.getLast(), TicketEvent.Type.CREATED, TicketStatus.NEW, null));
        }
        for (String conversation : ids) {
            poll.add(ticket(conversation, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.NEW, null));
            poll.add(ticket(conversation, TicketEvent.Type.MESSAGE_UPDATED, TicketStatus.NEW, null));
        }
        int commits = counter.commits();
        int before = counter.statementCount();

        tickets.handleAll(poll);

        assertThat(counter.commits() - commits).isEqualTo(1);
        for (String conversation : ids) {
            assertThat(state(conversation).withHuman()).isTrue();
            assertThat(state(conversation).ticketId()).isEqualTo("ticket-" + conversation);
        }
        return counter.statementCount() - before;
    }

    @Test
    void aCustomerMessageOnATicketAHumanHasWritesNothingButTheLock() {
        List<String> ids = List.of(id("tp-quiet"), id("tp-quiet"), id("tp-quiet"));
        tickets.handleAll(ids.stream()
                .map(conversation -> ticket(conversation, TicketEvent.Type.CREATED, TicketStatus.OPEN, null)).toList());
        Map<String, ConversationState> before = new HashMap<>();
        ids.forEach(conversation -> before.put(conversation, state(conversation)));
        List<TicketEvent> poll = new ArrayList<>();
        for (String conversation : ids) {
            poll.add(ticket(conversation, TicketEvent.Type.CUSTOMER_MESSAGE, TicketStatus.OPEN, null));
            poll.add(ticket(conversation, TicketEvent.Type.MESSAGE_UPDATED, TicketStatus.OPEN, null));
        }
        int statements = counter.statementCount();

        Effects effects = tickets.handleAll(poll);

        assertThat(counter.statementCount() - statements).as("the lock of the poll's conversations only").isEqualTo(1);
        assertThat(effects.assignments()).isEmpty();
        ids.forEach(conversation -> assertThat(state(conversation)).isEqualTo(before.get(conversation)));
    }

    @Test
    void eventsOfOneConversationInOnePollApplyInTheirOrder() {
        String skill = id("tp-order-skill");
        String agent = id("tp-order-agent");
        String solved = id("tp-solved");
        String alsoSolved = id("tp-solved");
        String waiting = id("tp-waiting");
        String reopened = id("tp-reopened");
        Instant now = Instant.now();
        jdbc.inTransaction(c -> {
            assignments.applyPresence(c, AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 2, List.of(skill)), now);
            for (String conversation : List.of(solved, alsoSolved)) {
                Db.handOff(c, conversations, conversation, "cust", HandoffReason.REQUESTED, Priority.HIGH, now);
                assertThat(assignments.tryAssign(c, conversation, Set.of(skill), now)).contains(agent);
            }
            Db.handOff(c, conversations, waiting, "cust", HandoffReason.REQUESTED, Priority.URGENT, now);
            // first in the queue (the tests share it), so that the drain's batch has it
            queue.enqueue(c, new QueueEntry(waiting, "demo-web", id("m"), Priority.URGENT, Set.of(skill),
                    now.minus(Duration.ofDays(1))));
            Db.handOff(c, conversations, reopened, "cust", HandoffReason.REQUESTED, Priority.NORMAL, now);
            return null;
        });
        try {
            applyInOrder(agent, solved, alsoSolved, waiting, reopened);
        } finally {
            // an online agent with a free slot left behind would have every later sweep drain the shared queue
            // in the background, racing the drains other tests make and check
            jdbc.inTransaction(c -> assignments.applyPresence(c,
                    AgentPresenceEvent.of(agent, AgentStatus.OFFLINE, 2, List.of(skill)), Instant.now()));
        }
    }

    private void applyInOrder(String agent, String solved, String alsoSolved, String waiting, String reopened) {
        int commits = counter.commits();

        tickets.handleAll(List.of(
                ticket(solved, TicketEvent.Type.STATUS_CHANGED, TicketStatus.OPEN, agent),
                ticket(reopened, "ticket-1", TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null),
                ticket(solved, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, agent),
                ticket(alsoSolved, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, agent),
                ticket(reopened, "ticket-2", TicketEvent.Type.CREATED, TicketStatus.NEW, null)));

        assertThat(counter.commits() - commits).isEqualTo(1);
        // OPEN then SOLVED: back to the bot and the agent's slot freed; two slots freed, the queue drained once
        assertThat(state(solved).withHuman()).isFalse();
        assertThat(Db.assignee(jdbc, solved)).isNull();
        assertThat(Db.assignee(jdbc, alsoSolved)).isNull();
        assertThat(hoursAsked.calls()).isEqualTo(1);
        // (the drain gives a slot to the waiting conversation, unless the sweep got there a moment before it)
        await().atMost(WAIT).until(() -> agent.equals(Db.assignee(jdbc, waiting)));
        assertThat(Db.loads(jdbc, agent).get(agent).active()).isEqualTo(1);
        // SOLVED then a new ticket: a human again, for the new ticket
        assertThat(state(reopened).withHuman()).isTrue();
        assertThat(state(reopened).ticketId()).isEqualTo("ticket-2");
    }

    @Test
    void aFinishedTicketsEventForAnUnknownConversationCreatesNothing() {
        String solved = id("tp-unknown");
        String closed = id("tp-unknown");
        String opened = id("tp-unknown");
        String solvedThenOpened = id("tp-unknown");

        Effects effects = tickets.handleAll(List.of(
                ticket(solved, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null),
                ticket(closed, TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED, null),
                ticket(opened, TicketEvent.Type.CREATED, TicketStatus.OPEN, null),
                ticket(solvedThenOpened, "ticket-old", TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null),
                ticket(solvedThenOpened, "ticket-new", TicketEvent.Type.CREATED, TicketStatus.NEW, null)));

        assertThat(find(solved)).isEmpty();
        assertThat(find(closed)).isEmpty();
        assertThat(effects.assignments()).isEmpty();
        assertThat(hoursAsked.calls()).as("no slot freed, no drain").isZero();
        assertThat(state(opened).withHuman()).isTrue();
        assertThat(state(solvedThenOpened).withHuman()).isTrue();
        assertThat(state(solvedThenOpened).ticketId()).isEqualTo("ticket-new");
    }

    @Test
    void aLateEventOfAnEarlierTicketInThePollDoesNotEndTheCurrentEpisode() {
        String conversation = id("tp-late");

        tickets.handleAll(List.of(
                ticket(conversation, "ticket-A", TicketEvent.Type.CREATED, TicketStatus.NEW, null),
                ticket(conversation, "ticket-A", TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null),
                ticket(conversation, "ticket-B", TicketEvent.Type.CREATED, TicketStatus.NEW, null),
                ticket(conversation, "ticket-A", TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED, null)));

        assertThat(state(conversation).withHuman()).isTrue();
        assertThat(state(conversation).ticketId()).isEqualTo("ticket-B");

        tickets.handleAll(List.of(
                ticket(conversation, "ticket-A", TicketEvent.Type.CSAT_REQUESTED, TicketStatus.CLOSED, null),
                ticket(conversation, "ticket-B", TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null)));

        assertThat(state(conversation).withHuman()).isFalse();
        assertThat(state(conversation).ticketId()).isEqualTo("ticket-B");
    }

    @Test
    void anUnreadableAndAFailingRecordGoToTheDeadLetterTopicAndTheRestOfThePollTakesEffect() {
        String dlq = Topics.deadLetterTopic(Topics.TICKET_EVENTS, Topics.Groups.ROUTING);
        String unreadable = id("tp-bad");
        // PostgreSQL stores no NUL character in text: this event fails for good whatever poll it is in
        String failing = id("tp-fail") + "\u0000";
        String good = id("tp-good");

        kafka.sendRaw(Topics.TICKET_EVENTS, unreadable, "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.TICKET_EVENTS, ticket(failing, TicketEvent.Type.CREATED, TicketStatus.OPEN, null));
        kafka.send(Topics.TICKET_EVENTS, ticket(good, TicketEvent.Type.CREATED, TicketStatus.OPEN, null));

        assertThat(kafka.readRaw(dlq, r -> unreadable.equals(r.key()), 1, WAIT)).hasSize(1);
        var dead = kafka.await(dlq, TicketEvent.class, e -> failing.equals(e.conversationId()), WAIT);
        assertThat(dead.headers()).containsKeys("dead-letter-reason", "dead-letter-topic", "dead-letter-offset");
        await().atMost(WAIT).until(() -> find(good).map(ConversationState::withHuman).orElse(false));
    }

    private ConversationState state(String conversation) {
        return find(conversation).orElseThrow();
    }

    private Optional<ConversationState> find(String conversation) {
        return jdbc.inTransaction(c -> conversations.find(c, conversation));
    }

    /** The system clock, counting how often it is read. */
    private static final class CountingClock extends Clock {

        private final AtomicInteger reads = new AtomicInteger();

        int calls() {
            return reads.get();
        }

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
