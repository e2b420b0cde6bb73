package org.supportflow.routing.actions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Calls an action's system; never throws (every failure is a {@link Result}). */
public interface ActionCaller {

    Result call(ActionSpec action, Map<String, String> slots);

    /** The outcome's tag for metrics and analytics: {@code ok}, {@code status_<code>} or the failure's tag. */
    static String outcomeOf(Result result) {
        return switch (result) {
            case Ok ok -> "ok";
            case Status s -> "status_" + s.status();
            case Failed f -> f.failure().tag();
        };
    }

    /** The HTTP status that came back, 0 when none did. */
    static int statusOf(Result result) {
        return switch (result) {
            case Ok ok -> ok.status();
            case Status s -> s.status();
            case Failed f -> f.status();
        };
    }

    /** What came back. */
    sealed interface Result {
    }

    /** A 2xx response with a JSON object. */
    record Ok(int status, JsonNode body) implements Result {
    }

    /** A non-2xx status the system answered on purpose (4xx), e.g. 404 for an unknown order. */
    record Status(int status) implements Result {
    }

    /** The call failed: the customer gets the action's honest {@code failed} answer. */
    record Failed(Failure failure, int status) implements Result {
    }

    enum Failure {
        /** No answer within the action's timeout. */
        TIMEOUT,
        /** A 5xx. */
        SERVER_ERROR,
        /** Not a JSON object, or too large. */
        MALFORMED,
        /** The system failed repeatedly: the circuit breaker answers at once. */
        CIRCUIT_OPEN,
        /** Connection refused or reset, DNS. */
        UNREACHABLE,
        /** The system's base URL is not configured in routing. */
        NOT_CONFIGURED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
