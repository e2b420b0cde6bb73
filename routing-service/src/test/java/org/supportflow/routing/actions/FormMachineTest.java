package org.supportflow.routing.actions;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.routing.decision.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The slot-filling state machine, without Quarkus or a database. */
class FormMachineTest {

    private final ActionCatalog shop = ShopActions.catalog();
    private final FormMachine machine = new FormMachine();
    private final PendingForm askedForOrder = new PendingForm("order_status_lookup", "order_number", 0, "ko");

    private static NluResult nlu(String intent, String text, NluResult.Entity... entities) {
        return new NluResult("ko", intent, 0.9, List.of(new NluResult.IntentScore(intent, 0.9)),
                SentimentLabel.NEUTRAL, 0, Urgency.NORMAL, List.of(entities), text, null, "m");
    }

    @Test
    void aQuestionWithTheOrderNumberCallsAtOnce() {
        FormMachine.Step step = machine.next(shop, Optional.empty(),
                nlu("order_status", "주문번호 20261201-77812 배송 어디쯤이에요?",
                        new NluResult.Entity("order_number", "20261201-77812")), Verdict.answer(), false);

        assertThat(step).isInstanceOfSatisfying(FormMachine.Call.class, call -> {
            assertThat(call.action().name()).isEqualTo("order_status_lookup");
            assertThat(call.slots()).isEqualTo(Map.of("order_number", "20261201-77812"));
            assertThat(call.completedForm()).isFalse();
        });
    }

    @Test
    void withoutTheNumberTheBotAsksForIt() {
        FormMachine.Step step = machine.next(shop, Optional.empty(), nlu("order_status", "배송 어디쯤이에요?"),
                Verdict.answer(), false);

        assertThat(step).isInstanceOfSatisfying(FormMachine.Ask.class, ask -> {
            assertThat(ask.slot().name()).isEqualTo("order_number");
            assertThat(ask.attempts()).isZero();
        });
    }

    @Test
    void aMessageWithOnlyTheNumberCompletesTheFormWhateverTheNluMadeOfIt() {
        for (Verdict verdict : List.of(Verdict.fallback(), Verdict.handoff(HandoffReason.LOW_CONFIDENCE),
                Verdict.answer())) {
            FormMachine.Step step = machine.next(shop, Optional.of(askedForOrder),
                    nlu("out_of_scope", "20261201-77812"), verdict, false);

            assertThat(step).isInstanceOfSatisfying(FormMachine.Call.class, call -> {
                assertThat(call.slots()).containsEntry("order_number", "20261201-77812");
                assertThat(call.completedForm()).isTrue();
            });
        }
    }

    @Test
    void aValueThatDoesNotMatchThePatternIsAFailedAttemptAndTheSecondGivesUp() {
        FormMachine.Step first = machine.next(shop, Optional.of(askedForOrder), nlu("out_of_scope", "12345"),
                Verdict.fallback(), false);
        assertThat(first).isInstanceOfSatisfying(FormMachine.Ask.class, ask -> assertThat(ask.attempts()).isEqualTo(1));

        FormMachine.Step second = machine.next(shop, Optional.of(new PendingForm("order_status_lookup",
                "order_number", 1, "ko")), nlu("order_status", "몰라요"), Verdict.answer(), false);
        assertThat(second).isInstanceOf(FormMachine.GiveUp.class);
    }

    @Test
    void aChangeOfTopicOrARequestForAPersonAbandonsTheForm() {
        assertThat(machine.next(shop, Optional.of(askedForOrder), nlu("shipping_info", "배송비는 얼마예요?"),
                Verdict.answer(), false)).isEqualTo(new FormMachine.PassOn(true, "order_status_lookup"));
        assertThat(machine.next(shop, Optional.of(askedForOrder),
                nlu("human_agent", "상담원 연결 20261201-77812"), Verdict.handoff(HandoffReason.REQUESTED), false))
                .isEqualTo(new FormMachine.PassOn(true, "order_status_lookup"));
        assertThat(machine.next(shop, Optional.of(askedForOrder), nlu("complaint", "너무 화나요"),
                Verdict.handoff(HandoffReason.INTENT_POLICY), false))
                .isEqualTo(new FormMachine.PassOn(true, "order_status_lookup"));
    }

    @Test
    void anActionReadingAnAccountNeedsAVerifiedIdentity() {
        NluResult cancel = nlu("order_cancel", "20261201-77812 취소하고 싶어요");

        assertThat(machine.next(shop, Optional.empty(), cancel, Verdict.answer(), false))
                .isInstanceOf(FormMachine.NeedIdentity.class);
        assertThat(machine.next(shop, Optional.empty(), cancel, Verdict.answer(), true))
                .isInstanceOf(FormMachine.Call.class);
    }

    @Test
    void messagesTheBotWouldNotAnswerOrWithoutAnActionAreNotItsBusiness() {
        assertThat(machine.next(shop, Optional.empty(), nlu("order_status", "x"), Verdict.fallback(), false))
                .isEqualTo(new FormMachine.PassOn(false, null));
        assertThat(machine.next(shop, Optional.empty(), nlu("shipping_info", "x"), Verdict.answer(), false))
                .isEqualTo(new FormMachine.PassOn(false, null));
    }
}
