package org.supportflow.contracts.taxonomy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Why a conversation went to a human (CONTRACT.md §6); the wire names are analytics keys. */
public enum HandoffReason {
    REQUESTED("requested"),
    INTENT_POLICY("intent_policy"),
    NEGATIVE_SENTIMENT("negative_sentiment"),
    URGENT("urgent"),
    LOW_CONFIDENCE("low_confidence"),
    REPEATED_FALLBACK("repeated_fallback"),
    VIP("vip"),
    AFTER_HOURS("after_hours"),
    /** A domain action's call to the company's system failed (timeout, 5xx, malformed, circuit open). */
    ACTION_FAILED("action_failed"),
    /** The customer did not give what a domain action needs after being asked twice. */
    SLOT_NOT_FILLED("slot_not_filled");

    private final String wireName;

    HandoffReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static HandoffReason fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(reason -> reason.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown handoff reason: " + wireName));
    }
}
