package org.supportflow.routing.actions;

import java.time.Duration;

/** What actions count, per action (Micrometer in the service; a no-op in unit tests). */
public interface ActionMetrics {

    /** One call to the system: outcome {@code ok}, {@code status_<code>} or the failure's tag. */
    void call(String action, String outcome, Duration latency);

    /** A form: {@code started}, {@code completed}, {@code abandoned} or {@code gave_up}. */
    void form(String action, String outcome);

    ActionMetrics NONE = new ActionMetrics() {
        @Override
        public void call(String action, String outcome, Duration latency) {
        }

        @Override
        public void form(String action, String outcome) {
        }
    };
}
