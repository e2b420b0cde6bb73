package org.supportflow.analytics.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.analytics.summary.SummaryRepository;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code supportflow_automation_rate} and {@code supportflow_handoff_rate}: the share of conversations
 * of the last {@code analytics.metrics.rate-window} (default 24 h) that the bot handled alone, and that
 * went to a human. A rate is not a count, so it is computed from the stored facts (the same definition as
 * the summary) and refreshed every {@code analytics.metrics.refresh-interval}; NaN while there is no
 * conversation in the window. {@code supportflow_conversations_window} is the denominator.
 */
@Startup
@Singleton
public class RateGauges {

    private static final Logger LOG = Logger.getLogger(RateGauges.class);

    private final SummaryRepository repository;
    private final Clock clock;
    private final Duration window;

    private volatile double automationRate = Double.NaN;
    private volatile double handoffRate = Double.NaN;
    private volatile double conversations = 0;

    public RateGauges(SummaryRepository repository, AnalyticsConfig config, Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.clock = clock;
        this.window = config.metrics().rateWindow();
        Gauge.builder("supportflow.automation.rate", this, gauges -> gauges.automationRate)
                .description("Share of conversations in the rolling window handled by the bot alone (0-1)")
                .register(registry);
        Gauge.builder("supportflow.handoff.rate", this, gauges -> gauges.handoffRate)
                .description("Share of conversations in the rolling window handed to a human (0-1)")
                .register(registry);
        Gauge.builder("supportflow.conversations.window", this, gauges -> gauges.conversations)
                .description("Conversations with a customer message in the rolling window of the rate gauges")
                .register(registry);
    }

    @Scheduled(every = "${analytics.metrics.refresh-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = clock.instant();
        try {
            SummaryRepository.ConversationCounts counts = repository.conversationCounts(
                    new TimeRange(now.minus(window), now));
            long total = counts.conversations();
            conversations = total;
            automationRate = total == 0 ? Double.NaN : (double) (total - counts.handedOff()) / total;
            handoffRate = total == 0 ? Double.NaN : (double) counts.handedOff() / total;
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the rate gauges: %s", e.getMessage());
        }
    }
}
