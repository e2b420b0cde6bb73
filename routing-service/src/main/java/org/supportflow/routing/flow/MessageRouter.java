package org.supportflow.routing.flow;

import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.RoutingDecision.Route;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.routing.actions.Actions;
import org.supportflow.routing.actions.SlotMasking;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.conversation.ConversationStore.RoutedMessage;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.decision.Verdict;
import org.supportflow.routing.hours.AgentHours;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.queue.QueueEntry;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.routing.replies.Reply;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.web.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routes one classified customer message, in one transaction under the conversation's row lock:
 * <ul>
 *   <li>a conversation a human owns: {@code HUMAN_CONTINUED}, the message joins the ticket, no bot reply;</li>
 *   <li>otherwise the {@link RoutingRules} decide: the bot answers (knowledge-base answer plus a follow-up
 *       offer), falls back, or hands off; a handoff is assigned to an eligible agent at once when one has a
 *       free slot during business hours, else it waits in the queue, and the customer gets a handoff
 *       notice, or after hours a notice saying when agents are back.</li>
 * </ul>
 * After hours the decision keeps the real handoff reason and sets {@code afterHours=true}; the
 * {@code AFTER_HOURS} reason is not used, since business hours never decide whether a human is needed,
 * only when one answers. A redelivered message (same conversation and message id) is not routed again:
 * its recorded decision is published again instead, as the same events (their ids are derived from the
 * message), so the customer is answered once whatever Kafka redelivers.
 * <p>
 * {@link #routeAll} routes a consumer's poll: the messages in their order, all in one transaction, so that a
 * poll costs one commit instead of one per message, and a few statements for its conversations instead of
 * four per message ({@link LockedConversations}: the poll's conversations are locked together in id order,
 * which also keeps two transactions from deadlocking on them). A message whose routing calls a company
 * system (a domain action) is the exception: the HTTP call may take seconds, and no transaction holding
 * other conversations' locks should wait that long. The messages before it are committed, it is routed alone
 * in its own transaction (with the call, as {@link #route} always did), and the messages after it start a
 * new one.
 */
public final class MessageRouter {

    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final AssignmentStore assignments;
    private final QueueStore queue;
    private final RoutingRules rules;
    private final PriorityRules priorities;
    private final SkillRequirements skills;
    private final AgentHours hours;
    private final ReplyComposer replies;
    private final Clock clock;
    private final Actions actions;

    public MessageRouter(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments, QueueStore queue,
                         RoutingRules rules, PriorityRules priorities, SkillRequirements skills, AgentHours hours,
                         ReplyComposer replies, Clock clock) {
        this(jdbc, conversations, assignments, queue, rules, priorities, skills, hours, replies, clock, null);
    }

    /** With the domain's actions ({@code actions} null: none). */
    public MessageRouter(Jdbc jdbc, ConversationStore conversations, AssignmentStore assignments, QueueStore queue,
                         RoutingRules rules, PriorityRules priorities, SkillRequirements skills, AgentHours hours,
                         ReplyComposer replies, Clock clock, Actions actions) {
        this.actions = actions;
        this.jdbc = Objects.requireNonNull(jdbc);
        this.conversations = Objects.requireNonNull(conversations);
        this.assignments = Objects.requireNonNull(assignments);
        this.queue = Objects.requireNonNull(queue);
        this.rules = Objects.requireNonNull(rules);
        this.priorities = Objects.requireNonNull(priorities);
        this.skills = Objects.requireNonNull(skills);
        this.hours = Objects.requireNonNull(hours);
        this.replies = Objects.requireNonNull(replies);
        this.clock = Objects.requireNonNull(clock);
    }

    public Effects route(ClassifiedMessageEvent message) {
        return routeAll(List.of(message));
    }

    /**
     * Routes messages in their order (a poll of one partition keeps each conversation's order) in as few
     * transactions as the actions allow: one when no message calls a company system. All or nothing per
     * transaction; the effects of all messages, in order, once everything is committed.
     */
    public Effects routeAll(List<ClassifiedMessageEvent> messages) {
        for (ClassifiedMessageEvent message : messages) {
            Objects.requireNonNull(message, "message");
            // The message id makes routing idempotent: without it a redelivery would be answered again.
            Objects.requireNonNull(message.messageId(), "messageId");
        }
        AgentHours.Status status = hours.status();
        List<Effects> effects = new ArrayList<>();
        int next = 0;
        while (next < messages.size()) {
            int from = next;
            Run run = jdbc.inTransaction(c -> routeRun(c, messages, from, status));
            effects.add(run.effects());
            next = run.end();
            if (run.nextNeedsCall()) {
                ClassifiedMessageEvent alone = messages.get(next);
                effects.add(jdbc.inTransaction(c -> routeWithCall(c, alone, status)));
                next++;
            }
        }
        return Effects.concat(effects);
    }

    /**
     * The effects of messages [start, end) routed in one transaction, and whether the message at {@code end}
     * needs a company system.
     */
    private record Run(Effects effects, int end, boolean nextNeedsCall) {
    }

    /**
     * Routes from {@code start} until a message needs a company system: the transaction ends before it, and that
     * message gets a transaction of its own ({@link #routeWithCall}), which holds no other conversation's lock
     * while the call runs and commits the call's result with nothing that could make it roll back (and the
     * call be made again). When the poll's first message needs a call, this transaction routes nothing: it only
     * locked the poll's conversations, and is committed to release them.
     */
    private Run routeRun(Connection c, List<ClassifiedMessageEvent> messages, int start, AgentHours.Status status)
            throws SQLException {
        LockedConversations locked = LockedConversations.lock(c, conversations, assignments, actions,
                messages.subList(start, messages.size()), clock.instant());
        List<Effects> effects = new ArrayList<>();
        for (int i = start; i < messages.size(); i++) {
            Effects routed = route(c, locked, messages.get(i), status, false);
            if (routed == null) {
                locked.write(c, conversations, clock.instant());
                return new Run(Effects.concat(effects), i, true);
            }
            effects.add(routed);
        }
        locked.write(c, conversations, clock.instant());
        return new Run(Effects.concat(effects), messages.size(), false);
    }

    private Effects routeWithCall(Connection c, ClassifiedMessageEvent message, AgentHours.Status status)
            throws SQLException {
        LockedConversations locked = LockedConversations.lock(c, conversations, assignments, actions,
                List.of(message), clock.instant());
        Effects effects = route(c, locked, message, status, true);
        locked.write(c, conversations, clock.instant());
        return effects;
    }

    /**
     * @param mayCall whether an action may call its company system here; when not and the message needs a
     *                call, nothing is decided and null is returned
     */
    private Effects route(Connection c, LockedConversations locked, ClassifiedMessageEvent message,
                          AgentHours.Status status, boolean mayCall) throws SQLException {
        Instant now = clock.instant();
        ConversationState state = locked.state(message.conversationId());
        Optional<RoutedMessage> earlier = locked.decided(message.conversationId(), message.messageId());
        if (earlier.isPresent()) {
            return republish(message, earlier.get(), status);
        }
        NluResult nlu = message.nlu();
        String tier = message.customer() == null ? null : message.customer().tier();
        Priority priority = priorities.priorityOf(nlu, tier);
        state = state.withLanguage(nlu.language());

        RoutedMessage routed;
        Optional<Reply> reply;
        Optional<AgentAssignmentEvent> assignment = Optional.empty();
        if (state.withHuman()) {
            Priority raised = state.priority() == null ? priority : Priority.max(state.priority(), priority);
            if (raised != state.priority()) {
                queue.raisePriority(c, message.conversationId(), raised);
            }
            state = state.withPriority(raised);
            String agent = locked.agentOf(c, assignments, message.conversationId()).orElse(null);
            routed = new RoutedMessage(new RoutingDecision(Route.HUMAN_CONTINUED, state.handoffReason(), raised, agent,
                    !status.open()), null);
            reply = Optional.empty();
        } else {
            Verdict verdict = rules.decide(nlu, tier, state.fallbackStreak());
            Optional<Actions.Outcome> handled = actions == null ? Optional.empty()
                    : actions.handle(c, locked.forms(), message.conversationId(), nlu, verdict,
                    verifiedIdentity(message), language(message), now, mayCall);
            if (handled.isPresent() && handled.get().callHeldBack()) {
                return null;
            }
            ActionStep step = handled.map(Actions.Outcome::step).orElse(null);
            Optional<Actions.Outcome> action = handled.filter(outcome -> !outcome.routesAsUsual());
            String handoffPrefix = null;
            String replyLanguage = action.map(Actions.Outcome::language).orElse(language(message));
            if (action.isPresent() && action.get().isHandoff()) {
                verdict = Verdict.handoff(action.get().handoff());
                handoffPrefix = action.get().text();
            } else if (action.isPresent()) {
                // The action's answer (or question) replaces the knowledge-base answer; stored with the decision,
                // so that a redelivery publishes it again without calling the system.
                state = state.withFallbackStreak(0);
                Reply answer = new Reply(Author.BOT, OutboundMessageEvent.Kind.ANSWER, action.get().text(),
                        action.get().quickReplies());
                reply = Optional.of(answer);
                routed = new RoutedMessage(new RoutingDecision(Route.BOT, null, priority, null, !status.open()),
                        OutboundMessageEvent.Kind.ANSWER, answer, step);
                locked.routed(state, message.messageId(), routed);
                return effects(message, routed, reply, assignment);
            }
            switch (verdict.outcome()) {
                case ANSWER -> {
                    state = state.withFallbackStreak(0);
                    reply = Optional.of(replies.answer(nlu, language(message)));
                    routed = new RoutedMessage(new RoutingDecision(Route.BOT, null, priority, null, !status.open()),
                            OutboundMessageEvent.Kind.ANSWER);
                }
                case FALLBACK -> {
                    state = state.withFallbackStreak(state.fallbackStreak() + 1);
                    reply = Optional.of(replies.fallback(language(message)));
                    routed = new RoutedMessage(new RoutingDecision(Route.BOT, null, priority, null, !status.open()),
                            OutboundMessageEvent.Kind.FALLBACK);
                }
                case HANDOFF -> {
                    state = state.handedOff(verdict.reason(), priority);
                    Set<String> required = skills.requiredFor(nlu.language(), nlu.intent());
                    Optional<String> agent = status.open()
                            ? assignments.tryAssign(c, message.conversationId(), required, now)
                            : Optional.empty();
                    agent.ifPresent(id -> locked.assigned(message.conversationId(), id));
                    if (agent.isEmpty()) {
                        queue.enqueue(c, new QueueEntry(message.conversationId(), message.channelId(),
                                message.messageId(), priority, required, now));
                    } else {
                        assignment = Optional.of(assignmentAtHandoff(message, agent.get(), priority));
                    }
                    routed = new RoutedMessage(new RoutingDecision(Route.HUMAN, verdict.reason(), priority,
                            agent.orElse(null), !status.open()), status.open()
                            ? OutboundMessageEvent.Kind.HANDOFF_NOTICE : OutboundMessageEvent.Kind.AFTER_HOURS_NOTICE);
                    Reply notice = status.open() ? replies.handoff(replyLanguage)
                            : replies.afterHours(replyLanguage, status.nextOpening());
                    if (handoffPrefix != null && !handoffPrefix.isBlank()) {
                        // What the action could not do, said before the notice; stored for redeliveries.
                        notice = new Reply(notice.author(), notice.kind(), handoffPrefix.strip() + "\n\n" + notice.text(),
                                notice.quickReplies());
                        routed = new RoutedMessage(routed.decision(), routed.replyKind(), notice, null);
                    }
                    reply = Optional.of(notice);
                }
                default -> throw new IllegalStateException("unexpected outcome " + verdict.outcome());
            }
            routed = routed.withAction(step);
        }
        locked.routed(state, message.messageId(), routed);
        return effects(message, routed, reply, assignment);
    }

    /** The same decision again for a redelivered message; the reply is composed again from it. */
    private Effects republish(ClassifiedMessageEvent message, RoutedMessage earlier, AgentHours.Status status) {
        Optional<Reply> reply = earlier.reply() != null ? Optional.of(earlier.reply())
                : Optional.ofNullable(earlier.replyKind()).map(kind -> switch (kind) {
            case ANSWER -> message.nlu().answer() != null
                    ? replies.answer(message.nlu(), language(message)) : replies.fallback(language(message));
            case HANDOFF_NOTICE -> replies.handoff(language(message));
            case AFTER_HOURS_NOTICE -> replies.afterHours(language(message),
                    status.nextOpening().or(() -> hours.nextOpening(clock.instant())));
            default -> replies.fallback(language(message));
        });
        RoutingDecision decision = earlier.decision();
        Optional<AgentAssignmentEvent> assignment = decision.route() == Route.HUMAN && decision.agentId() != null
                ? Optional.of(assignmentAtHandoff(message, decision.agentId(), decision.priority()))
                : Optional.empty();
        return effects(message, earlier, reply, assignment);
    }

    private Effects effects(ClassifiedMessageEvent message, RoutedMessage decided, Optional<Reply> reply,
                            Optional<AgentAssignmentEvent> assignment) {
        List<OutboundMessageEvent> outbound = new ArrayList<>(1);
        reply.ifPresent(r -> outbound.add(OutboundMessageEvent.automaticReply(message.conversationId(),
                message.channelId(), message.messageId(), r.author(), r.kind(), r.text(), r.quickReplies())));
        RoutedMessageEvent routed = RoutedMessageEvent.of(message, decided.decision(), decided.action());
        if (actions != null) {
            // Slot values (order numbers, ...) never reach analytics: masked in what conversation.routed carries.
            NluResult masked = SlotMasking.mask(routed.nlu(), actions.catalog());
            if (masked != routed.nlu()) {
                routed = routed.withNlu(masked);
            }
        }
        return new Effects(List.of(routed), outbound, assignment.map(List::of).orElse(List.of()));
    }

    /** Whether the channel verified the customer's identity (for actions reading an account). */
    private static boolean verifiedIdentity(ClassifiedMessageEvent message) {
        return message.customer() != null && message.customer().hasVerifiedIdentity();
    }

    private static AgentAssignmentEvent assignmentAtHandoff(ClassifiedMessageEvent message, String agentId,
                                                            Priority priority) {
        return AgentAssignmentEvent.atHandoff(message.conversationId(), message.channelId(), message.messageId(),
                agentId, priority);
    }

    private String language(ClassifiedMessageEvent message) {
        return replies.languageFor(message.nlu().language(),
                message.customer() == null ? null : message.customer().locale());
    }
}
