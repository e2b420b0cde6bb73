package org.supportflow.routing.actions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Actions' metrics: {@code routing_action_calls_total{action,outcome}}, {@code routing_action_call_seconds{action}}
 * and {@code routing_action_forms_total{action,outcome}}. Tags are action names of the bundle (bounded) and fixed
 * outcomes, never a slot value.
 */
public final class MicrometerActionMetrics implements ActionMetrics {

    private final MeterRegistry registry;

    public MicrometerActionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void call(String action, String outcome, Duration latency) {
        Counter.builder("routing.action.calls").description("calls of domain actions to the company's systems")
                .tag("action", action).tag("outcome", outcome).register(registry).increment();
        Timer.builder("routing.action.call").description("latency of domain actions' calls")
                .tag("action", action).publishPercentileHistogram(false).register(registry).record(latency);
    }

    @Override
    public void form(String action, String outcome) {
        Counter.builder("routing.action.forms").description("slot-filling forms of domain actions")
                .tag("action", action).tag("outcome", outcome).register(registry).increment();
    }
}
