package org.supportflow.routing.domain;

import org.jboss.logging.Logger;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.routing.actions.ActionCatalog;
import org.supportflow.routing.actions.Actions;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.replies.ReplyComposer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies the active domain's policy ({@code nlu.domain}) to the rules: bot or human, priority, skills and the
 * fallback's quick replies. A record older than the policy in force (the compacted topic replayed from its
 * start) is skipped, so the last activation wins.
 */
public final class DomainPolicyHandler {

    private static final Logger LOG = Logger.getLogger(DomainPolicyHandler.class);

    private final RoutingRules rules;
    private final PriorityRules priorities;
    private final SkillRequirements skills;
    private final ReplyComposer replies;
    private final Actions actions;
    private final AtomicReference<DomainPolicy> current = new AtomicReference<>(DomainPolicy.none());

    public DomainPolicyHandler(RoutingRules rules, PriorityRules priorities, SkillRequirements skills,
                               ReplyComposer replies) {
        this(rules, priorities, skills, replies, null);
    }

    /** With the domain's actions, read from the bundle each activation carries ({@code actions} null: none). */
    public DomainPolicyHandler(RoutingRules rules, PriorityRules priorities, SkillRequirements skills,
                               ReplyComposer replies, Actions actions) {
        this.actions = actions;
        this.rules = rules;
        this.priorities = priorities;
        this.skills = skills;
        this.replies = replies;
    }

    /** @return whether the policy changed */
    public synchronized boolean handle(DomainActivatedEvent event) {
        DomainPolicy before = current.get();
        if (event.occurredAt() != null && !event.occurredAt().isAfter(before.activatedAt())) {
            return false;
        }
        apply(DomainPolicy.from(event));
        if (actions != null) {
            actions.use(ActionCatalog.from(event));
        }
        LOG.infof("routing policy of domain %s %s in force (%d intents, %d to a person)", event.domain(),
                event.domainVersion(), event.intents().size(), current.get().humanIntents().size());
        return true;
    }

    /** Puts a policy in force at once (the handler's own path, and tests). */
    public synchronized void apply(DomainPolicy policy) {
        rules.useDomain(policy);
        priorities.useDomain(policy);
        skills.useDomain(policy);
        replies.useDomain(policy);
        current.set(policy);
    }

    public DomainPolicy current() {
        return current.get();
    }
}
