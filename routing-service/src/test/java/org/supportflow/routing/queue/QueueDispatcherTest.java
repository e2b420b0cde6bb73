package org.supportflow.routing.queue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.testing.Db;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue on the real database: served by priority then waiting time as one agent's slot frees up. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class QueueDispatcherTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ConversationStore conversations;

    @Inject
    QueueStore queue;

    @Inject
    AssignmentStore assignments;

    @Inject
    QueueDispatcher dispatcher;

    @Test
    void waitingConversationsAreServedByPriorityThenWaitingTime() {
        String run = UUID.randomUUID().toString();
        String skill = "queue-" + run;
        Instant t0 = Instant.now().minusSeconds(600);
        String normalLate = waiting(run, "normal-late", Priority.NORMAL, t0.plusSeconds(30), skill);
        String urgent = waiting(run, "urgent", Priority.URGENT, t0.plusSeconds(60), skill);
        String normalEarly = waiting(run, "normal-early", Priority.NORMAL, t0, skill);
        String high = waiting(run, "high", Priority.HIGH, t0.plusSeconds(45), skill);

        String agent = "queue-agent-" + run;
        online(agent, 1, skill);

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dispatcher.drain();
            String next = await().atMost(Duration.ofSeconds(20)).until(
                    () -> currentConversationOf(agent, List.of(normalLate, urgent, normalEarly, high)),
                    c -> c != null);
            served.add(next);
            assertThat(Db.loads(jdbc, agent).get(agent).assignments()).isEqualTo(1);
            finish(next);
        }

        assertThat(served).containsExactly(urgent, high, normalEarly, normalLate);
    }

    /**
     * A drain walks the queue it read when it began; a slot that frees up behind it must go to the conversation
     * ahead, not to the one the walk has reached. The check it makes before each assignment:
     */
    @Test
    void aConversationYieldsToOneAheadThatAFreeAgentCouldServe() {
        String run = UUID.randomUUID().toString();
        String skill = "yield-" + run;
        Instant t0 = Instant.now().minusSeconds(300);
        String high = waiting(run, "high", Priority.HIGH, t0.plusSeconds(60), skill);
        String normal = waiting(run, "normal", Priority.NORMAL, t0, skill);
        String otherSkill = waiting(run, "other", Priority.URGENT, t0, "elsewhere-" + run);

        // nobody online with the skill: nothing ahead of the normal one can be served
        assertThat(servableAhead(normal)).isFalse();

        String agent = "yield-agent-" + run;
        online(agent, 1, skill);

        assertThat(servableAhead(normal)).as("the high one is ahead").isTrue();
        assertThat(servableAhead(high))
                .as("only the urgent one is ahead of it, and this agent cannot serve it").isFalse();
        assertThat(servableAhead(otherSkill)).as("first in line").isFalse();

        // a drain serves the high one first
        dispatcher.drain();
        assertThat(Db.assignee(jdbc, high)).isEqualTo(agent);
        assertThat(Db.assignee(jdbc, normal)).isNull();
    }

    @Test
    void nobodyIsAssignedWithoutTheRequiredSkill() {
        String run = UUID.randomUUID().toString();
        String conversation = waiting(run, "billing", Priority.HIGH, Instant.now(), "billing-" + run);
        String agent = "queue-agent-" + run;
        online(agent, 3, "other-" + run);

        dispatcher.drain();

        assertThat(Db.assignee(jdbc, conversation)).isNull();
        java.util.Optional<QueueEntry> stillWaiting = jdbc.inTransaction(c -> queue.find(c, conversation));
        assertThat(stillWaiting).isPresent();
    }

    private String waiting(String run, String name, Priority priority, Instant since, String skill) {
        String id = "queued-" + name + "-" + run;
        jdbc.inTransaction(c -> {
            Db.handOff(c, conversations, id, "cust-" + run, HandoffReason.REQUESTED, priority, since);
            queue.enqueue(c, new QueueEntry(id, "demo-web", "m-" + id, priority, Set.of(skill), since));
            return null;
        });
        return id;
    }

    private void online(String agent, int capacity, String skill) {
        jdbc.inTransaction(c -> assignments.applyPresence(c,
                AgentPresenceEvent.of(agent, AgentStatus.ONLINE, capacity, List.of(skill)), Instant.now()));
    }

    private boolean servableAhead(String conversation) {
        return jdbc.<Boolean>inTransaction(c -> queue.servableAhead(c, conversation));
    }

    private String currentConversationOf(String agent, List<String> candidates) {
        for (String candidate : candidates) {
            if (agent.equals(Db.assignee(jdbc, candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** What a SOLVED ticket does: the conversation goes back to the bot and the agent's slot is freed. */
    private void finish(String conversation) {
        jdbc.inTransaction(c -> {
            var state = conversations.lock(c, conversation).orElseThrow();
            assignments.release(c, conversation);
            queue.remove(c, conversation);
            conversations.saveAll(c, List.of(state.backToBot()), Instant.now());
            return null;
        });
    }
}
