package org.supportflow.routing.domain;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.routing.agents.SkillRequirements;
import org.supportflow.routing.decision.DecisionPolicy;
import org.supportflow.routing.decision.RoutingRules;
import org.supportflow.routing.decision.Verdict;
import org.supportflow.routing.priority.PriorityRules;
import org.supportflow.routing.replies.ReplyComposer;
import org.supportflow.routing.testing.Domains;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.routing.testing.Policies;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DomainPolicyHandlerTest {

    /** The configuration alone: thresholds and the reserved intents. */
    private static final DecisionPolicy CONFIGURED = new DecisionPolicy(0.5, 0.1, Set.of("human_agent"), Set.of(),
            Set.of(), Set.of("out_of_scope"), Set.of("human_agent"), 0.75, true, 2, Set.of("VIP"), true, Set.of());

    private final RoutingRules rules = new RoutingRules(CONFIGURED);
    private final PriorityRules priorities = new PriorityRules(Policies.priority().withIntentPriorities(Map.of()));
    private final SkillRequirements skills = new SkillRequirements(true, "ko", Set.of("ko", "en"), Map.of());
    private final ReplyComposer replies = new ReplyComposer(Map.of("ko", new ReplyComposer.Templates("더?",
            "죄송해요", List.of("상담원 연결"), "연결해 드릴게요", "{next}", "곧", java.time.format.DateTimeFormatter
            .ofPattern("HH:mm"))), "ko");
    private final DomainPolicyHandler handler = new DomainPolicyHandler(rules, priorities, skills, replies);

    @Test
    void beforeAnyDomainOnlyTheReservedIntentsHaveRules() {
        assertThat(rules.decide(Nlu.intent("human_agent").build(), null, 0).reason())
                .isEqualTo(HandoffReason.REQUESTED);
        assertThat(rules.decide(Nlu.intent("complaint").build(), null, 0).outcome() == Verdict.Outcome.HANDOFF).isFalse();
        assertThat(skills.requiredFor("ko", "payment_issue")).containsExactly("ko");
    }

    @Test
    void theActiveDomainDecidesRoutePrioritySkillsAndFallbackButtons() {
        assertThat(handler.handle(Domains.shop())).isTrue();
        assertThat(rules.decide(Nlu.intent("complaint").build(), null, 0).reason())
                .isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(rules.decide(Nlu.intent("refund_request").sentiment(SentimentLabel.NEGATIVE, 0.3).build(), null, 0)
                .reason()).isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(rules.decide(Nlu.intent("order_cancel").build(), "VIP", 0).reason())
                .isEqualTo(HandoffReason.VIP);
        assertThat(priorities.priorityOf(Nlu.intent("complaint").build(), null)).isEqualTo(Priority.HIGH);
        assertThat(priorities.priorityOf(Nlu.intent("greeting").build(), null)).isEqualTo(Priority.LOW);
        assertThat(skills.requiredFor("ko-KR", "payment_issue")).containsExactlyInAnyOrder("ko", "billing");
        assertThat(replies.fallback("ko").quickReplies()).containsExactly("주문 조회", "배송 안내", "상담원 연결");

        DomainActivatedEvent telecom = Domains.telecom();
        assertThat(handler.handle(telecom)).isTrue();
        assertThat(handler.current().domain()).isEqualTo("telecom");
        assertThat(rules.decide(Nlu.intent("cancellation").build(), null, 0).reason())
                .isEqualTo(HandoffReason.INTENT_POLICY);
        assertThat(priorities.priorityOf(Nlu.intent("cancellation").build(), null)).isEqualTo(Priority.HIGH);
        assertThat(skills.requiredFor("ko", "cancellation")).containsExactlyInAnyOrder("ko", "retention");
        assertThat(rules.decide(Nlu.intent("complaint").build(), null, 0).outcome() == Verdict.Outcome.HANDOFF)
                .as("the shop's intents have no rule any more").isFalse();
        assertThat(skills.requiredFor("ko", "payment_issue")).containsExactly("ko");
        assertThat(replies.fallback("ko").quickReplies()).containsExactly("요금제 안내", "상담원 연결");
        assertThat(replies.fallback("en").quickReplies()).as("no buttons of the domain in en: ko is the default")
                .containsExactly("요금제 안내", "상담원 연결");
    }

    @Test
    void anOlderRecordDoesNotReplaceANewerPolicy() {
        DomainActivatedEvent older = Domains.shop();
        DomainActivatedEvent newer = Domains.telecom();
        DomainActivatedEvent stale = new DomainActivatedEvent(older.eventId(), 1, Instant.EPOCH.plusSeconds(5),
                older.domain(), older.domainVersion(), older.modelVersion(), older.intents(),
                older.fallbackQuickReplies(), null);

        assertThat(handler.handle(newer)).isTrue();
        assertThat(handler.handle(stale)).isFalse();
        assertThat(handler.handle(newer)).as("the same record again").isFalse();
        assertThat(handler.current().domain()).isEqualTo("telecom");
    }
}
