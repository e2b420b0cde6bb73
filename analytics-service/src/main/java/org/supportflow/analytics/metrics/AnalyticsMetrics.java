package org.supportflow.analytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.facts.FactRecorder;
import org.supportflow.analytics.facts.MessageFact;
import org.supportflow.analytics.facts.TicketFact;

import java.time.Duration;

/**
 * The Prometheus figures of the platform, counted from events as they are stored (once per event: a
 * redelivery is not counted). Names as exported on {@code /q/metrics}:
 * <ul>
 *   <li>{@code supportflow_messages_total{channel,intent,route}}: routed customer messages</li>
 *   <li>{@code supportflow_handoffs_total{channel,reason}}: messages handed to a human</li>
 *   <li>{@code supportflow_unrecognized_total{channel}}: messages the bot did not understand</li>
 *   <li>{@code supportflow_tickets_created_total{channel,priority}}, {@code supportflow_sla_breaches_total{sla}}</li>
 *   <li>{@code supportflow_first_response_seconds{channel}} (timer: count, sum, max, buckets)</li>
 *   <li>{@code supportflow_resolution_seconds{channel,priority}} (timer)</li>
 *   <li>{@code supportflow_csat_score{channel}} (distribution summary of the 1–5 scores)</li>
 *   <li>{@code supportflow_automation_rate}, {@code supportflow_handoff_rate} (gauges, see {@link RateGauges})</li>
 *   <li>{@code supportflow_analytics_events_total{topic,outcome}}: stored / duplicate events;
 *       {@code supportflow_analytics_pii_remasked_total}: texts analytics had to mask again</li>
 * </ul>
 * Labels are bounded by {@link MetricLabels}; never a conversation, ticket or customer id.
 */
@ApplicationScoped
public class AnalyticsMetrics {

    private static final Duration[] RESPONSE_BUCKETS = {
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)};
    private static final Duration[] RESOLUTION_BUCKETS = {
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24),
            Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7)};

    private final MeterRegistry registry;
    private final Counter piiRemasked;

    public AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.piiRemasked = Counter.builder("supportflow.analytics.pii.remasked")
                .description("Masked texts that still looked like personal data and were masked again by analytics")
                .register(registry);
    }

    /** Counts a routed message once it is stored. */
    public void messageStored(FactRecorder.MessageOutcome outcome, boolean notUnderstood) {
        MessageFact fact = outcome.fact();
        String channel = MetricLabels.channel(fact.channelId());
        Counter.builder("supportflow.messages")
                .description("Customer messages routed, by channel, intent and route (bot, human, human_continued)")
                .tag("channel", channel)
                .tag("intent", MetricLabels.intent(fact.intent()))
                .tag("route", MetricLabels.route(fact.route()))
                .register(registry).increment();
        if ("HUMAN".equals(fact.route())) {
            Counter.builder("supportflow.handoffs")
                    .description("Conversations handed to a human, by channel and handoff reason")
                    .tag("channel", channel)
                    .tag("reason", MetricLabels.reason(fact.handoffReason()))
                    .register(registry).increment();
        }
        if (notUnderstood) {
            Counter.builder("supportflow.unrecognized")
                    .description("Customer messages the bot did not understand (out_of_scope or low confidence)")
                    .tag("channel", channel)
                    .register(registry).increment();
        }
        if (outcome.remasked()) {
            piiRemasked.increment();
        }
    }

    /** Counts a ticket event once it is stored, and records the durations it completes. */
    public void ticketStored(FactRecorder.TicketOutcome outcome) {
        TicketFact fact = outcome.fact();
        String channel = MetricLabels.channel(fact.channelId());
        switch (fact.type()) {
            case "CREATED" -> Counter.builder("supportflow.tickets.created")
                    .description("Tickets opened, by channel and priority")
                    .tag("channel", channel)
                    .tag("priority", MetricLabels.priority(fact.priority()))
                    .register(registry).increment();
            case "SLA_BREACHED" -> Counter.builder("supportflow.sla.breaches")
                    .description("SLA targets missed, by SLA (first_response, resolution)")
                    .tag("sla", MetricLabels.sla(fact.sla()))
                    .register(registry).increment();
            case "CSAT_RECORDED" -> DistributionSummary.builder("supportflow.csat.score")
                    .description("Customer satisfaction scores (1-5)")
                    .tag("channel", channel)
                    .serviceLevelObjectives(1, 2, 3, 4, 5)
                    .minimumExpectedValue(1.0)
                    .maximumExpectedValue(5.0)
                    .register(registry).record(fact.csatScore());
            default -> {
            }
        }
        if (outcome.firstResponse() != null) {
            Timer.builder("supportflow.first.response")
                    .description("Time from handoff (ticket created) to the first agent reply")
                    .tag("channel", channel)
                    .serviceLevelObjectives(RESPONSE_BUCKETS)
                    .register(registry).record(outcome.firstResponse());
        }
        if (outcome.resolution() != null) {
            Timer.builder("supportflow.resolution")
                    .description("Time from ticket creation to its first resolution (solved)")
                    .tag("channel", channel)
                    .tag("priority", MetricLabels.priority(fact.priority()))
                    .serviceLevelObjectives(RESOLUTION_BUCKETS)
                    .register(registry).record(outcome.resolution());
        }
    }

    /** Counts an event per topic and outcome ({@code stored}, {@code duplicate}). */
    public void event(String topic, boolean stored) {
        Counter.builder("supportflow.analytics.events")
                .description("Events consumed by analytics, by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", stored ? "stored" : "duplicate")
                .register(registry).increment();
    }
}
