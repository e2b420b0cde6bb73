package org.supportflow.routing.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.CustomerRef;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.testing.Db;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.web.jdbc.Jdbc;

import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.routing.testing.Events.classified;
import static org.supportflow.routing.testing.Events.id;
import static org.supportflow.routing.testing.Events.ticket;

/**
 * The service end to end on a real Kafka broker and a real PostgreSQL: classified messages in, routed
 * messages, replies and assignments out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RoutingPipelineTest {

    @Inject
    org.supportflow.routing.domain.DomainPolicyHandler domainPolicy;

    /** The shop's policy, as the NLU would publish it (the tests of another domain put it back). */
    @BeforeEach
    void shopDomain() {
        domainPolicy.apply(org.supportflow.routing.testing.Domains.shopPolicy());
    }


    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for the pipeline to have published a reply if it were going to. */
    private static final Duration SILENCE = Duration.ofSeconds(4);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    Jdbc jdbc;

    @Inject
    ConversationStore conversations;

    @Inject
    AssignmentStore assignments;

    @Test
    void aBotAnswerIsRoutedAndRepliedWithTheFollowUp() {
        String conversation = id("conv");
        String message = id("msg");

        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, message,
                Nlu.intent("order_status").answer("주문 조회는 마이페이지에서 하실 수 있어요.", "주문 조회").build()));

        var routed = awaitRouted(message);
        assertThat(routed.key()).isEqualTo(conversation);
        assertThat(routed.value().decision().route()).isEqualTo(Route.BOT);
        assertThat(routed.value().decision().handoffReason()).isNull();
        var reply = awaitReply(message);
        assertThat(reply.key()).isEqualTo(conversation);
        assertThat(reply.value().author()).isEqualTo(Author.BOT);
        assertThat(reply.value().kind()).isEqualTo(OutboundMessageEvent.Kind.ANSWER);
        assertThat(reply.value().text()).contains("마이페이지").endsWith("더 궁금하신 점이 있으신가요?");
        assertThat(reply.value().quickReplies()).containsExactly("주문 조회");
        assertThat(reply.value().channelId()).isEqualTo("demo-web");
    }

    @Test
    void anEnglishMessageIsAnsweredInEnglish() {
        String message = id("msg");

        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(id("conv"), message,
                Nlu.intent("shipping_info").language("en").answer("Shipping is free over 30,000 won.").build()));

        assertThat(awaitReply(message).value().text())
                .isEqualTo("Shipping is free over 30,000 won.\n\nIs there anything else I can help you with?");
    }

    @Test
    void aComplaintGoesToAnOnlineAgentAndTheBotStaysSilentUntilTheTicketIsSolved() {
        String agent = id("agent");
        String conversation = id("conv");
        kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 2, List.of("ko", "billing")));
        await().atMost(WAIT).until(() -> agentIsOnline(agent));

        // 1. An angry complaint: a human, at least HIGH, assigned to the online agent.
        String complaint = id("msg");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, complaint,
                Nlu.intent("complaint").sentiment(SentimentLabel.NEGATIVE, 0.9).noAnswer().build()));
        var handoff = awaitRouted(complaint).value().decision();
        assertThat(handoff.route()).isEqualTo(Route.HUMAN);
        assertThat(handoff.handoffReason()).isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(handoff.priority().isAtLeast(Priority.HIGH)).isTrue();
        assertThat(handoff.afterHours()).isFalse();
        var notice = awaitReply(complaint).value();
        assertThat(notice.kind()).isEqualTo(OutboundMessageEvent.Kind.HANDOFF_NOTICE);
        assertThat(notice.author()).isEqualTo(Author.SYSTEM);
        var assignment = kafka.await(Topics.AGENT_ASSIGNMENTS, AgentAssignmentEvent.class,
                a -> conversation.equals(a.conversationId()), WAIT);
        assertThat(assignment.key()).isEqualTo(conversation);
        assertThat(assignment.value().agentId()).isEqualTo(agent);
        assertThat(assignment.value().messageId()).isEqualTo(complaint);
        assertThat(handoff.agentId()).isEqualTo(agent);

        // 2. The next message joins the ticket: HUMAN_CONTINUED, and no bot reply.
        String followUp = id("msg");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, followUp,
                Nlu.intent("order_status").answer("주문 조회는 마이페이지에서 하실 수 있어요.").build()));
        var continued = awaitRouted(followUp).value().decision();
        assertThat(continued.route()).isEqualTo(Route.HUMAN_CONTINUED);
        assertThat(continued.agentId()).isEqualTo(agent);
        assertThat(continued.priority().isAtLeast(Priority.HIGH)).isTrue();
        assertThat(kafka.collect(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                o -> followUp.equals(o.inReplyTo()), 1, SILENCE)).isEmpty();

        // 3. The ticket is solved: the bot answers again.
        kafka.send(Topics.TICKET_EVENTS, ticket(conversation, TicketEvent.Type.STATUS_CHANGED, TicketStatus.SOLVED,
                agent));
        await().atMost(WAIT).until(() -> jdbc.inTransaction(c -> conversations.find(c, conversation))
                .map(state -> !state.withHuman()).orElse(false));
        String afterSolve = id("msg");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, afterSolve,
                Nlu.intent("order_status").answer("주문 조회는 마이페이지에서 하실 수 있어요.").build()));
        assertThat(awaitRouted(afterSolve).value().decision().route()).isEqualTo(Route.BOT);
        assertThat(awaitReply(afterSolve).value().kind()).isEqualTo(OutboundMessageEvent.Kind.ANSWER);

        kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(agent, AgentStatus.OFFLINE, 2, List.of("ko")));
    }

    @Test
    void theSecondFallbackInARowHandsOff() {
        String conversation = id("conv");
        String first = id("msg");
        String second = id("msg");

        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, first,
                Nlu.intent("out_of_scope").confidence(0.9).noAnswer().build()));
        assertThat(awaitReply(first).value().kind()).isEqualTo(OutboundMessageEvent.Kind.FALLBACK);
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, second,
                Nlu.intent("out_of_scope").confidence(0.9).noAnswer().build()));

        var decision = awaitRouted(second).value().decision();
        assertThat(decision.route()).isEqualTo(Route.HUMAN);
        assertThat(decision.handoffReason()).isEqualTo(HandoffReason.REPEATED_FALLBACK);
    }

    @Test
    void aHandoffWithNobodyOnlineWaitsAndIsAssignedWhenAnAgentComesOnline() {
        String conversation = id("conv");
        String message = id("msg");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, message,
                Nlu.intent("human_agent").language("en").build(), new CustomerRef("c-en", "en-US", null)));
        var decision = awaitRouted(message).value().decision();
        assertThat(decision.route()).isEqualTo(Route.HUMAN);
        assertThat(decision.handoffReason()).isEqualTo(HandoffReason.REQUESTED);
        assertThat(decision.agentId()).isNull();

        String agent = id("agent-en");
        kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 1, List.of("en")));

        var assignment = kafka.await(Topics.AGENT_ASSIGNMENTS, AgentAssignmentEvent.class,
                a -> conversation.equals(a.conversationId()), WAIT).value();
        assertThat(assignment.agentId()).isEqualTo(agent);
        assertThat(assignment.waited()).isNotNull();
        kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(agent, AgentStatus.OFFLINE, 1, List.of("en")));
    }

    @Test
    void anUnreadableRecordLandsOnTheDeadLetterTopic() {
        String key = id("conv-bad");

        kafka.sendRaw(Topics.CONVERSATION_CLASSIFIED, key, "{not json".getBytes(StandardCharsets.UTF_8));

        var dead = kafka.readRaw(Topics.deadLetterTopic(Topics.CONVERSATION_CLASSIFIED, Topics.Groups.ROUTING),
                r -> key.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        // The pipeline still works after it.
        String message = id("msg");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(id("conv"), message, Nlu.intent("greeting").build()));
        assertThat(awaitRouted(message).value().decision().route()).isEqualTo(Route.BOT);
    }

    @Test
    void aRecordThatFailsProcessingLandsOnTheDeadLetterTopicAsJson() {
        String conversation = id("conv-fail");
        var withoutChannel = new ClassifiedMessageEvent(PlatformEvent.newEventId(),
                ClassifiedMessageEvent.SCHEMA_VERSION, Instant.now(), conversation, null, id("msg"), null,
                new CustomerRef("c", "ko-KR", null), Instant.now(), Nlu.intent("order_status").build());

        kafka.send(Topics.CONVERSATION_CLASSIFIED, withoutChannel);

        var dead = kafka.await(Topics.deadLetterTopic(Topics.CONVERSATION_CLASSIFIED, Topics.Groups.ROUTING),
                ClassifiedMessageEvent.class, e -> conversation.equals(e.conversationId()), WAIT);
        assertThat(dead.key()).isEqualTo(conversation);
        assertThat(dead.headers()).containsKey("dead-letter-reason");
        // Nothing of it was kept: the transaction rolled back.
        Optional<ConversationState> stored = jdbc.inTransaction(c -> conversations.find(c, conversation));
        assertThat(stored).isEmpty();
    }

    @Test
    void anAssignmentCommittedButNeverAnnouncedIsAnnouncedByTheSweep() {
        String skill = "announce-" + UUID.randomUUID();
        String agent = id("agent-announce");
        String conversation = id("conv");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(2));
        jdbc.inTransaction(c -> {
            assignments.applyPresence(c, AgentPresenceEvent.of(agent, AgentStatus.ONLINE, 1, List.of(skill)), longAgo);
            Db.handOff(c, conversations, conversation, "cust", HandoffReason.REQUESTED, Priority.HIGH, longAgo);
            // As if the broker had failed right after this commit: no event was ever published.
            return assignments.tryAssign(c, conversation, Set.of(skill), longAgo);
        });

        var announced = kafka.await(Topics.AGENT_ASSIGNMENTS, AgentAssignmentEvent.class,
                a -> conversation.equals(a.conversationId()), WAIT).value();

        assertThat(announced.agentId()).isEqualTo(agent);
        assertThat(announced.priority()).isEqualTo(Priority.HIGH);
        assertThat(announced.channelId()).isEqualTo("demo-web");
        await().atMost(WAIT).until(() -> jdbc.inTransaction(
                c -> assignments.unannounced(c, Instant.now(), 1000).stream()
                        .noneMatch(a -> conversation.equals(a.conversationId()))));
    }

    @Test
    void erasureDropsTheCustomersConversationState() {
        String conversation = id("conv");
        String message = id("msg");
        String customer = id("cust");
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, message, Nlu.intent("greeting").build(),
                new CustomerRef(customer, "ko-KR", null)));
        awaitRouted(message);
        Optional<ConversationState> stored = jdbc.inTransaction(c -> conversations.find(c, conversation));
        assertThat(stored).isPresent();

        kafka.send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of(customer, List.of(), "admin1"));

        await().atMost(WAIT).until(() -> jdbc.inTransaction(c -> conversations.find(c, conversation)).isEmpty());
        List<String> remaining = jdbc.inTransaction(c -> conversations.conversationsOfCustomer(c, customer));
        assertThat(remaining).isEmpty();
    }

    private boolean agentIsOnline(String agentId) {
        return jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT status FROM agent WHERE agent_id = ?")) {
                ps.setString(1, agentId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && "ONLINE".equals(rs.getString(1));
                }
            }
        });
    }

    private static KafkaTestClient.Received<RoutedMessageEvent> awaitRouted(String messageId) {
        return kafka.await(Topics.CONVERSATION_ROUTED, RoutedMessageEvent.class, r -> messageId.equals(r.messageId()),
                WAIT);
    }

    private static KafkaTestClient.Received<OutboundMessageEvent> awaitReply(String messageId) {
        return kafka.await(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                o -> messageId.equals(o.inReplyTo()), WAIT);
    }

    @Test
    void anotherDomainOnNluDomainChangesWhoGetsWhatAndTheShopIntentsLoseTheirRules() {
        try {
            kafka.send(Topics.NLU_DOMAIN, org.supportflow.routing.testing.Domains.telecom());
            await().atMost(WAIT).until(() -> "telecom".equals(domainPolicy.current().domain()));
            String generalist = id("agent");
            String retention = id("agent");
            kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(generalist, AgentStatus.ONLINE, 5, List.of("ko")));
            kafka.send(Topics.AGENT_PRESENCE, AgentPresenceEvent.of(retention, AgentStatus.ONLINE, 5,
                    List.of("ko", "retention")));
            await().atMost(WAIT).until(() -> agentIsOnline(generalist) && agentIsOnline(retention));

            String conversation = id("conv");
            String cancel = id("msg");
            kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, cancel,
                    Nlu.intent("cancellation").noAnswer().build()));
            var decision = awaitRouted(cancel).value().decision();
            assertThat(decision.route()).isEqualTo(Route.HUMAN);
            assertThat(decision.handoffReason()).isEqualTo(HandoffReason.INTENT_POLICY);
            assertThat(decision.priority()).isEqualTo(Priority.HIGH);
            assertThat(kafka.await(Topics.AGENT_ASSIGNMENTS, AgentAssignmentEvent.class,
                    a -> conversation.equals(a.conversationId()), WAIT).value().agentId())
                    .as("only the agent with the bundle's skill").isEqualTo(retention);

            String complaint = id("msg");
            kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(id("conv"), complaint,
                    Nlu.intent("complaint").answer("...").build()));
            assertThat(awaitRouted(complaint).value().decision().route()).isEqualTo(Route.BOT);
        } finally {
            domainPolicy.apply(org.supportflow.routing.testing.Domains.shopPolicy());
        }
    }
}
