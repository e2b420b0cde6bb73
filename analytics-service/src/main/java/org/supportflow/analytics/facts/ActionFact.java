package org.supportflow.analytics.facts;

/**
 * What a domain action did with one routed message (platform-contracts' {@code ActionStep}), as analytics keeps
 * it: names and outcomes, never a value (the event carries none). A field the step does not use is null.
 *
 * @param name          the action's name in the domain bundle
 * @param step          {@code ASKED}, {@code IDENTITY_REQUIRED}, {@code CALLED}, {@code GAVE_UP} or {@code ABANDONED}
 * @param attempt       {@code ASKED} only: replies that failed to give the slot before (0: the form starts)
 * @param completesForm {@code CALLED} only: the call ends a form the bot asked questions for
 * @param callOutcome   {@code CALLED} only: {@code ok}, {@code status_<code>}, {@code timeout}...
 * @param callFailed    {@code CALLED} only: {@code ActionStep.Call.failed()}
 * @param httpStatus    {@code CALLED} only: the response's status, null when there was no response
 * @param millis        {@code CALLED} only: how long the call took
 */
public record ActionFact(
        String name,
        String step,
        Integer attempt,
        Boolean completesForm,
        String callOutcome,
        Boolean callFailed,
        Integer httpStatus,
        Long millis) {
}
