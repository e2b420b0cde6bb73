package org.supportflow.routing.decision;

import org.supportflow.contracts.taxonomy.HandoffReason;

import java.util.Objects;

/**
 * What the rules decided for one message of a conversation the bot still owns.
 *
 * @param outcome the bot answers, the bot falls back, or a human takes over
 * @param reason  why a human takes over; null unless {@link Outcome#HANDOFF}
 */
public record Verdict(Outcome outcome, HandoffReason reason) {

    public enum Outcome {
        /** The bot answers with the knowledge-base answer. */
        ANSWER,
        /** The bot did not understand (refusal, unsure, no answer): it says so and asks again. */
        FALLBACK,
        /** A human takes over. */
        HANDOFF
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.HANDOFF) != (reason != null)) {
            throw new IllegalArgumentException("a handoff needs a reason, and only a handoff has one");
        }
    }

    public static Verdict answer() {
        return new Verdict(Outcome.ANSWER, null);
    }

    public static Verdict fallback() {
        return new Verdict(Outcome.FALLBACK, null);
    }

    public static Verdict handoff(HandoffReason reason) {
        return new Verdict(Outcome.HANDOFF, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isHandoff() {
        return outcome == Outcome.HANDOFF;
    }
}
