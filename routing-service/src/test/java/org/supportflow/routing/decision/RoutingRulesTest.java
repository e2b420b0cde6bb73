package org.supportflow.routing.decision;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.routing.decision.Verdict.Outcome;
import org.supportflow.routing.testing.Nlu;
import org.supportflow.routing.testing.Policies;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingRulesTest {

    private final RoutingRules rules = new RoutingRules(Policies.decision());

    @Test
    void botAnswersAConfidentBotIntentWithAnAnswer() {
        Verdict verdict = rules.decide(Nlu.intent("order_status").build(), null, 0);

        assertThat(verdict).isEqualTo(Verdict.answer());
    }

    @Nested
    class Requested {
        @Test
        void askingForAPersonIsRequested() {
            assertThat(rules.decide(Nlu.intent("human_agent").build(), null, 0))
                    .isEqualTo(Verdict.handoff(HandoffReason.REQUESTED));
        }

        @Test
        void requestedWinsOverOtherSignals() {
            var nlu = Nlu.intent("human_agent").sentiment(SentimentLabel.NEGATIVE, 0.95).urgency(Urgency.HIGH).build();

            assertThat(rules.decide(nlu, "VIP", 5).reason()).isEqualTo(HandoffReason.REQUESTED);
        }
    }

    @Nested
    class IntentPolicy {
        @ParameterizedTest
        @ValueSource(strings = {"delivery_problem", "payment_issue", "complaint"})
        void humanIntentsGoToAHuman(String intent) {
            assertThat(rules.decide(Nlu.intent(intent).build(), null, 0))
                    .isEqualTo(Verdict.handoff(HandoffReason.INTENT_POLICY));
        }

        @Test
        void aNegativeRefundRequestIsADispute() {
            var nlu = Nlu.intent("refund_request").sentiment(SentimentLabel.NEGATIVE, 0.4).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.handoff(HandoffReason.INTENT_POLICY));
        }

        @Test
        void aNeutralRefundRequestIsAnsweredByTheBot() {
            assertThat(rules.decide(Nlu.intent("refund_request").build(), null, 0)).isEqualTo(Verdict.answer());
        }

        @Test
        void anUnsureHumanIntentIsNotIntentPolicyButLowConfidence() {
            var nlu = Nlu.intent("complaint").confidence(0.35).runnerUp("order_status", 0.3).build();

            assertThat(rules.decide(nlu, null, 0).reason()).isEqualTo(HandoffReason.LOW_CONFIDENCE);
        }
    }

    @Nested
    class NegativeSentiment {
        @Test
        void stronglyNegativeGoesToAHuman() {
            var nlu = Nlu.intent("order_status").sentiment(SentimentLabel.NEGATIVE, 0.9).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.handoff(HandoffReason.NEGATIVE_SENTIMENT));
        }

        @Test
        void aSignedNegativeScoreCountsByItsMagnitude() {
            var nlu = Nlu.intent("order_status").sentiment(SentimentLabel.NEGATIVE, -0.8).build();

            assertThat(rules.decide(nlu, null, 0).reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        }

        @Test
        void mildlyNegativeStaysWithTheBot() {
            var nlu = Nlu.intent("order_status").sentiment(SentimentLabel.NEGATIVE, 0.5).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.answer());
        }

        @Test
        void aStronglyNegativeRefusalStillGoesToAHuman() {
            var nlu = Nlu.intent("out_of_scope").confidence(0.9).sentiment(SentimentLabel.NEGATIVE, 0.95).build();

            assertThat(rules.decide(nlu, null, 0).reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        }
    }

    @Nested
    class Urgent {
        @Test
        void highUrgencyGoesToAHuman() {
            var nlu = Nlu.intent("order_status").urgency(Urgency.HIGH).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.handoff(HandoffReason.URGENT));
        }

        @Test
        void urgencyRuleCanBeSwitchedOff() {
            var policy = Policies.decision();
            var off = new DecisionPolicy(policy.minConfidence(), policy.minMargin(), policy.requestedIntents(),
                    policy.humanIntents(), policy.disputableIntents(), policy.refusalIntents(),
                    policy.sensitiveIntents(), policy.strongNegativeThreshold(), false,
                    policy.repeatedFallbackThreshold(), policy.vipTiers(), policy.vipNegativeToHuman(),
                    policy.vipHumanIntents());

            assertThat(new RoutingRules(off).decide(Nlu.intent("order_status").urgency(Urgency.HIGH).build(), null, 0))
                    .isEqualTo(Verdict.answer());
        }
    }

    @Nested
    class LowConfidence {
        @Test
        void lowConfidenceWithASensitiveCandidateGoesToAHuman() {
            var nlu = Nlu.intent("order_status").confidence(0.4).runnerUp("delivery_problem", 0.35).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.handoff(HandoffReason.LOW_CONFIDENCE));
        }

        @Test
        void aLowMarginWithASensitiveCandidateGoesToAHuman() {
            var nlu = Nlu.intent("order_status").confidence(0.6).runnerUp("payment_issue", 0.55).build();

            assertThat(rules.decide(nlu, null, 0).reason()).isEqualTo(HandoffReason.LOW_CONFIDENCE);
        }

        @Test
        void lowConfidenceWithoutASensitiveCandidateIsAFirstFallback() {
            var nlu = Nlu.intent("order_status").confidence(0.3).runnerUp("shipping_info", 0.25).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.fallback());
        }

        @Test
        void confidenceAndMarginAtTheThresholdAreConfident() {
            var nlu = Nlu.intent("order_status").confidence(0.5).runnerUp("shipping_info", 0.4).build();

            assertThat(rules.isConfident(nlu)).isTrue();
            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.answer());
        }
    }

    @Nested
    class Fallbacks {
        @Test
        void outOfScopeIsAConfidentRefusalAnsweredByTheFallback() {
            var nlu = Nlu.intent("out_of_scope").confidence(0.2).runnerUp("complaint", 0.15).build();

            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.fallback());
        }

        @Test
        void theSecondFallbackInARowIsRepeatedFallback() {
            var nlu = Nlu.intent("out_of_scope").confidence(0.8).build();

            assertThat(rules.decide(nlu, null, 1)).isEqualTo(Verdict.handoff(HandoffReason.REPEATED_FALLBACK));
        }

        @Test
        void anUnsureReadingAfterARefusalIsRepeatedFallback() {
            var nlu = Nlu.intent("order_status").confidence(0.3).runnerUp("shipping_info", 0.25).build();

            assertThat(rules.decide(nlu, null, 1).reason()).isEqualTo(HandoffReason.REPEATED_FALLBACK);
        }

        @Test
        void aBotIntentWithoutAnAnswerIsAFallback() {
            assertThat(rules.decide(Nlu.intent("feedback").noAnswer().build(), null, 0)).isEqualTo(Verdict.fallback());
        }

        @Test
        void aMissingIntentIsTreatedAsARefusal() {
            assertThat(rules.decide(Nlu.intent(null).build(), null, 0)).isEqualTo(Verdict.fallback());
        }

        @Test
        void anAnswerResetsNothingHereButIsNotAFallback() {
            assertThat(rules.decide(Nlu.intent("order_status").build(), null, 1)).isEqualTo(Verdict.answer());
        }

        @Test
        void theThresholdIsConfigurable() {
            var policy = Policies.decision();
            var third = new DecisionPolicy(policy.minConfidence(), policy.minMargin(), policy.requestedIntents(),
                    policy.humanIntents(), policy.disputableIntents(), policy.refusalIntents(),
                    policy.sensitiveIntents(), policy.strongNegativeThreshold(), policy.urgentToHuman(), 3,
                    policy.vipTiers(), policy.vipNegativeToHuman(), policy.vipHumanIntents());
            var nlu = Nlu.intent("out_of_scope").build();

            assertThat(new RoutingRules(third).decide(nlu, null, 1)).isEqualTo(Verdict.fallback());
            assertThat(new RoutingRules(third).decide(nlu, null, 2).reason())
                    .isEqualTo(HandoffReason.REPEATED_FALLBACK);
        }
    }

    @Nested
    class Vip {
        @Test
        void aMildlyNegativeVipGoesToAHuman() {
            var nlu = Nlu.intent("order_status").sentiment(SentimentLabel.NEGATIVE, 0.4).build();

            assertThat(rules.decide(nlu, "VIP", 0)).isEqualTo(Verdict.handoff(HandoffReason.VIP));
            assertThat(rules.decide(nlu, "vip", 0).reason()).isEqualTo(HandoffReason.VIP);
        }

        @Test
        void vipIntentsGoToAHumanForVipsOnly() {
            var nlu = Nlu.intent("order_cancel").build();

            assertThat(rules.decide(nlu, "VIP", 0)).isEqualTo(Verdict.handoff(HandoffReason.VIP));
            assertThat(rules.decide(nlu, "STANDARD", 0)).isEqualTo(Verdict.answer());
            assertThat(rules.decide(nlu, null, 0)).isEqualTo(Verdict.answer());
        }

        @Test
        void aNeutralVipWithAnOrdinaryIntentStaysWithTheBot() {
            assertThat(rules.decide(Nlu.intent("order_status").build(), "VIP", 0)).isEqualTo(Verdict.answer());
        }
    }

    @Test
    void afterHoursIsNeverADecisionReason() {
        for (String intent : new String[]{"human_agent", "complaint", "order_status", "out_of_scope"}) {
            Verdict verdict = rules.decide(Nlu.intent(intent).build(), "VIP", 3);
            assertThat(verdict.reason()).isNotEqualTo(HandoffReason.AFTER_HOURS);
        }
    }

    @Test
    void aVerdictNeedsAReasonExactlyWhenItIsAHandoff() {
        assertThatThrownBy(() -> new Verdict(Outcome.HANDOFF, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(Outcome.ANSWER, HandoffReason.VIP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyRejectsThresholdsOutOfRange() {
        assertThatThrownBy(() -> new DecisionPolicy(1.5, 0.1, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0.7,
                true, 2, Set.of(), true, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionPolicy(0.5, 0.1, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0.7,
                true, 0, Set.of(), true, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
