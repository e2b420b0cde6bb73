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
import org.supportflow.routing.common.Jdbc;
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

import java.time.Clock;

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
        return new Jdbc(dataSource);
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
                                                                           ReplyComposer replies) {
        return new org.supportflow.routing.domain.DomainPolicyHandler(rules, priorities, skills, replies);
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
                                SkillRequirements skills, AgentHours hours, ReplyComposer replies, Clock clock) {
        return new MessageRouter(jdbc, conversations, assignments, queue, rules, priorities, skills, hours, replies,
                clock);
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
