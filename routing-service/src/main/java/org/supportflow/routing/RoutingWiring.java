package org.supportflow.routing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.hours.HoursSettings;
import org.supportflow.routing.agents.AgentSelector;
import org.supportflow.routing.agents.AgentsConfig;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.decision.DecisionConfig;
import org.supportflow.routing.decision.DecisionPolicy;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.erasure.ErasureHandler;
import org.supportflow.routing.flow.MessageRouter;
import org.supportflow.routing.flow.PresenceHandler;
import org.supportflow.routing.flow.TicketEventHandler;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.hours.HoursConfig;
import org.supportflow.routing.priority.PriorityConfig;
import org.supportflow.routing.priority.PriorityPolicy;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.queue.QueueConfig;
import org.supportflow.routing.queue.QueueDispatcher;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.replies.RepliesConfig;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.web.jdbc.Jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import org.supportflow.routing.actions.ActionMetrics;
import org.supportflow.routing.actions.Actions;
import org.supportflow.routing.actions.FormStore;
import org.supportflow.routing.actions.HttpActionCaller;
import org.supportflow.routing.actions.MicrometerActionMetrics;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds the plain domain objects from the typed configuration; the domain itself knows nothing of CDI
 * or Quarkus, so that unit tests construct it directly.
 */
@Singleton
public class RoutingWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Jdbc jdbc(AgroalDataSource dataSource) {
        // two replicas moving the same agents' load deadlock now and then: such a transaction is run again
        return new Jdbc(dataSource, Jdbc.DEFAULT_MAX_ATTEMPTS);
    }

    @Produces
    @Singleton
    RoutingRules routingRules(DecisionConfig config) {
        return new RoutingRules(DecisionPolicy.from(config));
    }

    @Produces
    @Singleton
    PriorityRules priorityRules(PriorityConfig config, DecisionConfig decision) {
        return new PriorityRules(PriorityPolicy.from(config, decision.strongNegativeThreshold()));
    }

    @Produces
    @Singleton
    BusinessHours businessHours(Config config) {
        return HoursSettings.read(key -> config.getOptionalValue(key, String.class));
    }

    @Produces
    @Singleton
    AgentHours agentHours(BusinessHours schedule, HoursConfig config, Clock clock) {
        return AgentHours.from(schedule, config, clock);
    }

    @Produces
    @Singleton
    ReplyComposer replyComposer(RepliesConfig config) {
        return ReplyComposer.from(config);
    }

    @Produces
    @Singleton
    SkillRequirements skillRequirements(AgentsConfig config) {
        return SkillRequirements.from(config);
    }

    @Produces
    @Singleton
    org.supportflow.routing.domain.DomainPolicyHandler domainPolicyHandler(RoutingRules rules,
                                                                           PriorityRules priorities,
                                                                           SkillRequirements skills,
                                                                           ReplyComposer replies, Actions actions) {
        return new org.supportflow.routing.domain.DomainPolicyHandler(rules, priorities, skills, replies, actions);
    }

    /**
     * The domain's actions: systems' base URLs and headers from {@code routing.actions.systems.<system>.*}
     * (environment in production), calls capped by {@code routing.actions.max-timeout}, one circuit breaker per
     * system ({@code routing.actions.breaker.failures} in a row open it for {@code routing.actions.breaker.open-for}).
     */
    @Produces
    @Singleton
    Actions actions(Config config, MeterRegistry registry, Clock clock) {
        ActionMetrics metrics = new MicrometerActionMetrics(registry);
        Duration maxTimeout = config.getOptionalValue("routing.actions.max-timeout", Duration.class)
                .orElse(Duration.ofMillis(2500));
        int failures = config.getOptionalValue("routing.actions.breaker.failures", Integer.class).orElse(5);
        Duration openFor = config.getOptionalValue("routing.actions.breaker.open-for", Duration.class)
                .orElse(Duration.ofSeconds(30));
        return new Actions(new FormStore(), new HttpActionCaller(key -> config.getOptionalValue(key, String.class),
                maxTimeout, failures, openFor, clock, metrics), metrics);
    }

    @Produces
    @Singleton
    ConversationStore conversationStore() {
        return new ConversationStore();
    }

    @Produces
    @Singleton
    QueueStore queueStore() {
        return new QueueStore();
    }

    @Produces
    @Singleton
    AssignmentStore assignmentStore() {
        return new AssignmentStore(new AgentSelector());
    }

    @Produces
    @Singleton
    QueueDispatcher queueDispatcher(Jdbc jdbc, ConversationStore conversations, QueueStore queue,
                                    AssignmentStore assignments, AgentHours hours, Clock clock, QueueConfig config) {
        return new QueueDispatcher(jdbc, conversations, queue, assignments, hours, clock, config.batchSize());
    }

    @Produces
    @Singleton
    MessageRouter messageRouter(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments,
                                QueueStore queue, RoutingRules rules, PriorityRules priorities,
                                SkillRequirements skills, AgentHours hours, ReplyComposer replies, Clock clock,
                                Actions actions) {
        return new MessageRouter(jdbc, conversations, assignments, queue, rules, priorities, skills, hours, replies,
                clock, actions);
    }

    @Produces
    @Singleton
    TicketEventHandler ticketEventHandler(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments,
                                          QueueStore queue, QueueDispatcher dispatcher, SkillRequirements skills,
                                          Clock clock) {
        return new TicketEventHandler(jdbc, conversations, assignments, queue, dispatcher, skills, clock);
    }

    @Produces
    @Singleton
    PresenceHandler presenceHandler(Jdbc jdbc, AssignmentStore assignments, QueueDispatcher dispatcher, Clock clock) {
        return new PresenceHandler(jdbc, assignments, dispatcher, clock);
    }

    @Produces
    @Singleton
    ErasureHandler erasureHandler(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments,
                                  QueueStore queue, QueueDispatcher dispatcher) {
        return new ErasureHandler(jdbc, conversations, assignments, queue, dispatcher);
    }
}
