package org.supportflow.routing.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.CustomerRef;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.routing.testing.Db;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.routing.testing.Events.classified;
import static org.supportflow.routing.testing.Events.id;
import static org.supportflow.routing.testing.Events.ticket;

/**
 * The routing flow on the real database without Kafka: after-hours handoffs, redelivered messages, and
 * the load accounting of ticket events (reassignments by hand, solved tickets).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RoutingStateTest {

    @Inject
    org.supportflow.routing.domain.DomainPolicyHandler domainPolicy;

    /** The shop's policy, as the NLU would publish it (the tests of another domain put it back). */
    @BeforeEach
    void shopDomain() {
        domainPolicy.apply(org.supportflow.routing.testing.Domains.shopPolicy());
    }


    /** Saturday 2026-11-28 11:00 in Seoul. */
    private static final Instant SATURDAY = Instant.parse("2026-11-28T02:00:00Z");

    @Inject
    Jdbc jdbc;
    @Inject
    ConversationStore conversations;
    @Inject
    AssignmentStore assignments;
    @Inject
    QueueStore queue;
    @Inject
    RoutingRules rules;
    @Inject
    PriorityRules priorities;
    @Inject
    SkillRequirements skills;
    @Inject
    ReplyComposer replies;
    @Inject
    MessageRouter router;
    @Inject
    TicketEventHandler tickets;

    private MessageRouter routerAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        var weekly = Map.of(DayOfWeek.MONDAY, List.of(new BusinessHours.Window(java.time.LocalTime.of(9, 0),
                java.time.LocalTime.of(18, 0))));
        AgentHours hours = new AgentHours(new BusinessHours(ZoneId.of("Asia/Seoul"), weekly, Set.of()),
                AgentHours.Override.SCHEDULE, clock);
        return new MessageRouter(jdbc, conversations, assignments, queue, rules, priorities, skills, hours, replies,
                clock);
    }

    @Test
    void afterHoursAHandoffKeepsItsReasonWaitsAndTellsWhenAgentsAreBack() {
        String run = UUID.randomUUID().toString();
        // An eligible agent is online, but after hours nobody is assigned: the conversation waits.
        String agent = "ah-agent-" + run;
        jdbc.inTransaction(c -> assignments.applyPresence(c,
                AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 5, List.of("ko")), Instant.now()));
        String conversation = id("conv");
        String message = id("msg");

        Effects effects = routerAt(SATURDAY).route(classified(conversation, message,
                Nlu.intent("complaint").noAnswer().build(), new CustomerRef("c", "ko-KR", null)));

        RoutingDecision decision = effects.routed().getFirst().decision();
        assertThat(decision.route()).isEqualTo(Route.HUMAN);
        assertThat(decision.handoffReason()).isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(decision.afterHours()).isTrue();
        assertThat(decision.agentId()).isNull();
        assertThat(effects.assignments()).isEmpty();
        OutboundMessageEvent notice = effects.outbound().getFirst();
        assertThat(notice.kind()).isEqualTo(OutboundMessageEvent.Kind.AFTER_HOURS_NOTICE);
        assertThat(notice.inReplyTo()).isEqualTo(message);
        assertThat(notice.text()).contains("평일 09:00–18:00").contains("11월 30일 월요일 09:00");
        jdbc.inTransaction(c -> assignments.applyPresence(c,
                AgentPresenceEvent.of(agent, AgentStatus.OFFLINE, 5, List.of("ko")), Instant.now()));
    }

    @Test
    void afterHoursTheBotStillAnswers() {
        String message = id("msg");

        Effects effects = routerAt(SATURDAY).route(classified(id("conv"), message,
                Nlu.intent("shipping_info").language("en").answer("Free over 30,000 won.").build()));

        assertThat(effects.routed().getFirst().decision().route()).isEqualTo(Route.BOT);
        assertThat(effects.routed().getFirst().decision().afterHours()).isTrue();
        assertThat(effects.outbound().getFirst().kind()).isEqualTo(OutboundMessageEvent.Kind.ANSWER);
    }

    @Test
    void aRedeliveredMessageIsNotRoutedTwice() {
        String conversation = id("conv");
        String message = id("msg");
        var refusal = classified(conversation, message, Nlu.intent("out_of_scope").noAnswer().build());

        Effects first = router.route(refusal);
        Effects again = router.route(refusal);

        assertThat(first.outbound().getFirst().kind()).isEqualTo(OutboundMessageEvent.Kind.FALLBACK);
        assertThat(again.routed().getFirst().decision()).isEqualTo(first.routed().getFirst().decision());
        assertThat(again.outbound().getFirst().kind()).isEqualTo(OutboundMessageEvent.Kind.FALLBACK);
        // The same events again, so everything downstream recognises them: the customer is answered once.
        assertThat(again.routed().getFirst().eventId()).isEqualTo(first.routed().getFirst().eventId());
        assertThat(again.outbound().getFirst().messageId()).isEqualTo(first.outbound().getFirst().messageId());
        assertThat(again.outbound().getFirst().eventId()).isEqualTo(first.outbound().getFirst().eventId());
        // Counted once: the streak is 1, so the next refusal is the second fallback in a row.
        assertThat(jdbc.inTransaction(c -> conversations.find(c, conversation)).orElseThrow().fallbackStreak())
                .isEqualTo(1);
    }

    @Test
    void aManualReassignmentMovesTheLoadAndASolvedTicketFreesIt() {
        String run = UUID.randomUUID().toString();
        String skill = "reassign-" + run;
        String first = "ra-" + run + "-first";
        String second = "ra-" + run + "-second";
        for (String agent : List.of(first, second)) {
            jdbc.inTransaction(c -> assignments.applyPresence(c,
                    AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 1, List.of(skill)), Instant.now()));
        }
        String conversation = id("conv");
        jdbc.inTransaction(c -> {
            Db.handOff(c, conversations, conversation, "cust", HandoffReason.REQUESTED,
                    org.supportflow.contracts.taxonomy.Priority.HIGH, Instant.now());
            return assignments.tryAssign(c, conversation, Set.of(skill), Instant.now());
        });
        String original = Db.assignee(jdbc, conversation);
        String other = original.equals(first) ? second : first;

        tickets.handleAll(List.of(ticket(conversation, TicketEvent.Type.ASSIGNED, TicketStatus.OPEN, other)));

        assertThat(Db.assignee(jdbc, conversation)).isEqualTo(other);
        var loads = Db.loads(jdbc, "ra-" + run);
        assertThat(loads.get(original).active()).isZero();
        assertThat(loads.get(other).active()).isEqualTo(1);

        // The echo of the same assignment changes nothing.
        tickets.handleAll(List.of(ticket(conversation, TicketEvent.Type.ASSIGNED, TicketStatus.OPEN, other)));
        assertThat(Db.loads(jdbc, "ra-" + run).get(other).active()).isEqualTo(1);

        tickets.handleAll(List.of(ticket(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, other)));

        assertThat(Db.assignee(jdbc, conversation)).isNull();
        assertThat(Db.loads(jdbc, "ra-" + run).get(other).active()).isZero();
        assertThat(jdbc.inTransaction(c -> conversations.find(c, conversation)).orElseThrow().withHuman()).isFalse();
    }

    @Test
    void aLateEventOfAnEarlierTicketDoesNotEndTheCurrentHandoff() {
        String conversation = id("conv");
        router.route(classified(conversation, id("msg"), Nlu.intent("human_agent").build()));
        tickets.handleAll(List.of(ticket(conversation, "ticket-A", TicketEvent.Type.CREATED, TicketStatus.NEW, null)));
        tickets.handleAll(List.of(ticket(conversation, "ticket-A",
                TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null)));
        router.route(classified(conversation, id("msg"), Nlu.intent("complaint").build()));
        tickets.handleAll(List.of(ticket(conversation, "ticket-B", TicketEvent.Type.CREATED, TicketStatus.NEW, null)));

        tickets.handleAll(List.of(ticket(conversation, "ticket-A",
                TicketEvent.Type.STATUS_CHANGED, TicketStatus.CLOSED, null)));

        Effects effects = router.route(classified(conversation, id("msg"), Nlu.intent("order_status").build()));
        assertThat(effects.routed().getFirst().decision().route()).isEqualTo(Route.HUMAN_CONTINUED);
        assertThat(effects.outbound()).isEmpty();

        tickets.handleAll(List.of(ticket(conversation, "ticket-B",
                TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED, null)));
        assertThat(router.route(classified(conversation, id("msg"), Nlu.intent("order_status").build()))
                .routed().getFirst().decision().route()).isEqualTo(Route.BOT);
    }

    @Test
    void aTicketAnAgentOpenedSilencesTheBot() {
        String conversation = id("conv");
        router.route(classified(conversation, id("msg"), Nlu.intent("greeting").build()));

        tickets.handleAll(List.of(ticket(conversation, TicketEvent.Type.CREATED, TicketStatus.OPEN, null)));
        String message = id("msg");
        Effects effects = router.route(classified(conversation, message, Nlu.intent("order_status").build()));

        assertThat(effects.routed().getFirst().decision().route()).isEqualTo(Route.HUMAN_CONTINUED);
        assertThat(effects.outbound()).isEmpty();
    }
}
