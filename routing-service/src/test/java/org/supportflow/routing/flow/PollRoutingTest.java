package org.supportflow.routing.flow;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.CustomerRef;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.domain.DomainPolicyHandler;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.routing.testing.Db;
import org.supportflow.routing.testing.Domains;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.web.jdbc.CountingDataSource;
import org.supportflow.web.jdbc.Jdbc;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.routing.testing.Events.classified;
import static org.supportflow.routing.testing.Events.id;

/**
 * A poll of classified messages routed at once: one transaction for all of it, each conversation in its order,
 * a redelivered poll changing nothing and publishing the same events, and a poison record isolated to the
 * dead-letter topic while the records around it are routed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PollRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DomainPolicyHandler domainPolicy;
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
    AgentHours hours;

    private CountingDataSource<DataSource> counter;
    private MessageRouter router;

    @BeforeEach
    void countingRouter() {
        domainPolicy.apply(Domains.shopPolicy());
        counter = CountingDataSource.wrap(DataSource.class, dataSource);
        router = new MessageRouter(new Jdbc(counter.dataSource(), Jdbc.DEFAULT_MAX_ATTEMPTS), conversations,
                assignments, queue, rules, priorities, skills, hours, replies, Clock.systemUTC());
    }

    @Test
    void aPollIsRoutedInOneTransactionEachConversationInItsOrder() {
        String first = id("poll-conv");
        String second = id("poll-conv");
        List<ClassifiedMessageEvent> poll = List.of(
                classified(first, id("m1"), unclear()),
                classified(second, id("m1"), Nlu.intent("shipping_info").answer("무료 배송이에요.").build()),
                classified(first, id("m2"), unclear()),
                classified(second, id("m2"), Nlu.intent("greeting").answer("안녕하세요!").build()));

        Effects effects = router.routeAll(poll);

        assertThat(counter.commits()).isEqualTo(1);
        assertThat(effects.routed()).extracting(RoutedMessageEvent::messageId)
                .containsExactlyElementsOf(poll.stream().map(ClassifiedMessageEvent::messageId).toList());
        assertThat(effects.outbound()).extracting(OutboundMessageEvent::inReplyTo)
                .containsExactlyElementsOf(poll.stream().map(ClassifiedMessageEvent::messageId).toList());
        // The first conversation's second unclear message saw the first one's fallback: two in a row hand off.
        assertThat(effects.routed()).extracting(routed -> routed.decision().route())
                .containsExactly(Route.BOT, Route.BOT, Route.HUMAN, Route.BOT);
        assertThat(routedMessages(first)).isEqualTo(2);
        assertThat(routedMessages(second)).isEqualTo(2);
    }

    @Test
    void aPollsConversationsCostTheSameStatementsWhateverItsSize() {
        int small = statementsToRoute(2);
        int large = statementsToRoute(8);

        // lock all (creating them), earlier decisions, changed states, decisions: four, not four per message
        assertThat(small).isEqualTo(4);
        assertThat(large).isEqualTo(small);
    }

    private int statementsToRoute(int conversationsInPoll) {
        List<ClassifiedMessageEvent> poll = new java.util.ArrayList<>();
        for (int i = 0; i < conversationsInPoll; i++) {
            poll.add(classified(id("poll-size"), id("m"), Nlu.intent("greeting").answer("안녕하세요!").build()));
        }
        int before = counter.statementCount();
        Effects effects = router.routeAll(poll);
        assertThat(effects.outbound()).hasSize(conversationsInPoll);
        return counter.statementCount() - before;
    }

    /** Messages of conversations a human has name their agent, read for the whole poll in one query. */
    @Test
    void messagesOfConversationsWithAHumanNameTheirAgentsReadOnceForThePoll() {
        String agent = id("poll-agent");
        List<String> assigned = List.of(id("human-conv"), id("human-conv"), id("human-conv"));
        String waiting = id("human-conv");
        jdbc.inTransaction(c -> {
            for (String conversation : assigned) {
                Db.handOff(c, conversations, conversation, id("cust"), HandoffReason.REQUESTED,
                        Priority.NORMAL, Instant.now());
                assignments.reassign(c, conversation, agent, Instant.now());
            }
            Db.handOff(c, conversations, waiting, id("cust"), HandoffReason.REQUESTED, Priority.NORMAL,
                    Instant.now());
            return null;
        });
        List<ClassifiedMessageEvent> poll = new java.util.ArrayList<>();
        for (String conversation : assigned) {
            poll.add(classified(conversation, id("m"), Nlu.intent("order_status").noAnswer().build()));
        }
        poll.add(classified(waiting, id("m"), Nlu.intent("order_status").noAnswer().build()));
        poll.add(classified(assigned.getFirst(), id("m"), Nlu.intent("order_status").noAnswer().build()));

        int before = counter.statementCount();
        Effects effects = router.routeAll(poll);
        int statements = counter.statementCount() - before;

        assertThat(effects.routed()).extracting(routed -> routed.decision().route())
                .containsOnly(Route.HUMAN_CONTINUED);
        assertThat(effects.routed()).extracting(routed -> routed.decision().agentId())
                .containsExactly(agent, agent, agent, null, agent);
        // lock, earlier decisions, the agents, changed states (their language), decisions: one agent query, not five
        assertThat(statements).isEqualTo(5);
    }

    @Test
    void aMessageTwiceInOnePollIsRoutedOnceAndItsDecisionPublishedTwice() {
        String conversation = id("poll-twice");
        ClassifiedMessageEvent unclear = classified(conversation, id("m1"), unclear());

        Effects effects = router.routeAll(List.of(unclear, unclear));

        // the same events twice (derived ids): consumers drop the second as a duplicate
        assertThat(effects.routed()).extracting(RoutedMessageEvent::eventId).hasSize(2)
                .containsOnly(effects.routed().getFirst().eventId());
        assertThat(effects.outbound()).extracting(OutboundMessageEvent::eventId).hasSize(2)
                .containsOnly(effects.outbound().getFirst().eventId());
        // routed twice, the second would have been a second fallback in a row: a handoff
        assertThat(effects.routed()).extracting(routed -> routed.decision().route()).containsOnly(Route.BOT);
        assertThat(state(conversation).fallbackStreak()).isEqualTo(1);
        assertThat(routedMessages(conversation)).isEqualTo(1);
    }

    @Test
    void aStoredReplyKeepsItsQuickRepliesInOrderWhateverTheyContain() {
        String conversation = id("poll-buttons");
        List<String> buttons = List.of("네, 주문할게요", "no, {later}", "\"quoted\"", "");
        ConversationStore.RoutedMessage routed = new ConversationStore.RoutedMessage(
                new org.supportflow.contracts.events.RoutingDecision(Route.BOT, null,
                        org.supportflow.contracts.taxonomy.Priority.NORMAL, null, false),
                OutboundMessageEvent.Kind.ANSWER,
                new org.supportflow.routing.replies.Reply(org.supportflow.contracts.taxonomy.Author.BOT,
                        OutboundMessageEvent.Kind.ANSWER, "주문하시겠어요?", buttons), null);

        jdbc.inTransaction(c -> {
            conversations.recordRoutedAll(c, List.of(new ConversationStore.Decided(
                    new ConversationStore.MessageKey(conversation, "m1"), routed)), Instant.now());
            return null;
        });

        var stored = jdbc.inTransaction(c -> conversations.routedMessage(c, conversation, "m1")).orElseThrow();
        assertThat(stored.reply().quickReplies()).containsExactlyElementsOf(buttons);
        assertThat(stored).isEqualTo(routed);
    }

    @Test
    void aRedeliveredPollChangesNothingAndPublishesTheSameEvents() {
        String conversation = id("poll-conv");
        List<ClassifiedMessageEvent> poll = List.of(
                classified(conversation, id("m1"), unclear()),
                classified(id("poll-conv"), id("m1"), Nlu.intent("greeting").answer("안녕하세요!").build()));
        Effects first = router.routeAll(poll);
        ConversationState before = state(conversation);

        Effects again = router.routeAll(poll);

        assertThat(again.routed()).extracting(RoutedMessageEvent::eventId)
                .containsExactlyElementsOf(first.routed().stream().map(RoutedMessageEvent::eventId).toList());
        assertThat(again.routed()).extracting(routed -> routed.decision().route())
                .containsExactly(Route.BOT, Route.BOT);
        assertThat(again.outbound()).extracting(OutboundMessageEvent::eventId)
                .containsExactlyElementsOf(first.outbound().stream().map(OutboundMessageEvent::eventId).toList());
        assertThat(again.outbound()).extracting(OutboundMessageEvent::text)
                .containsExactlyElementsOf(first.outbound().stream().map(OutboundMessageEvent::text).toList());
        // Routed again, the unclear message would have been a second fallback in a row: a handoff.
        assertThat(state(conversation)).isEqualTo(before);
        assertThat(before.fallbackStreak()).isEqualTo(1);
        assertThat(routedMessages(conversation)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestOfItsPollIsRouted() {
        String conversation = id("poll-poison");
        String before = id("m-before");
        String poison = id("m-poison");
        String after = id("m-after");
        // One key, one partition: sent together, they are usually one poll; the outcome must be the same if not.
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, before,
                Nlu.intent("greeting").answer("안녕하세요!").build()));
        kafka.send(Topics.CONVERSATION_CLASSIFIED, new ClassifiedMessageEvent(PlatformEvent.newEventId(),
                ClassifiedMessageEvent.SCHEMA_VERSION, Instant.now(), conversation, null, poison, null,
                new CustomerRef("c", "ko-KR", null), Instant.now(), Nlu.intent("order_status").build()));
        kafka.send(Topics.CONVERSATION_CLASSIFIED, classified(conversation, after,
                Nlu.intent("shipping_info").answer("무료 배송이에요.").build()));

        var dead = kafka.await(Topics.deadLetterTopic(Topics.CONVERSATION_CLASSIFIED, Topics.Groups.ROUTING),
                ClassifiedMessageEvent.class, e -> poison.equals(e.messageId()), WAIT);
        assertThat(dead.key()).isEqualTo(conversation);
        assertThat(dead.headers()).containsKeys("dead-letter-reason", "dead-letter-topic", "dead-letter-offset");
        for (String routed : List.of(before, after)) {
            assertThat(kafka.await(Topics.CONVERSATION_ROUTED, RoutedMessageEvent.class,
                    r -> routed.equals(r.messageId()), WAIT).value().decision().route()).isEqualTo(Route.BOT);
            assertThat(kafka.await(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.class,
                    o -> routed.equals(o.inReplyTo()), WAIT).value().kind()).isEqualTo(OutboundMessageEvent.Kind.ANSWER);
        }
        Optional<ConversationStore.RoutedMessage> poisonRouted =
                jdbc.inTransaction(c -> conversations.routedMessage(c, conversation, poison));
        assertThat(poisonRouted).isEmpty();
        assertThat(routedMessages(conversation)).isEqualTo(2);
        assertThat(kafka.collect(Topics.CONVERSATION_ROUTED, RoutedMessageEvent.class,
                r -> poison.equals(r.messageId()), 1, Duration.ofSeconds(2))).isEmpty();
    }

    /** A message the bot does not understand: a fallback, the second in a row a handoff. */
    private static org.supportflow.contracts.events.NluResult unclear() {
        return Nlu.intent("out_of_scope").confidence(0.9).noAnswer().build();
    }

    private ConversationState state(String conversation) {
        Optional<ConversationState> state = jdbc.inTransaction(c -> conversations.find(c, conversation));
        return state.orElseThrow();
    }

    private int routedMessages(String conversation) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM routed_message WHERE conversation_id = ?")) {
                ps.setString(1, conversation);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
