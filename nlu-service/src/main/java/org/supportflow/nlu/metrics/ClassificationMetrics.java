package org.supportflow.nlu.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.Intent;

/**
 * What operators watch of the model at work: how sure it is ({@code nlu_confidence_percent}, a histogram per
 * language) and how often it refuses ({@code nlu_classifications_total{outcome="refused"}}, the refusal
 * intent). A model that drifts shows here before it shows in handoffs.
 */
@ApplicationScoped
public class ClassificationMetrics {

    /** In percent: Micrometer's histograms count whole units, so a 0..1 confidence would all land in "≤ 1". */
    private static final double[] CONFIDENCE_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100};

    private final MeterRegistry registry;

    public ClassificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(NluResult result) {
        String language = result.language() == null ? "unknown" : result.language();
        boolean refused = Intent.OUT_OF_SCOPE.wireName().equals(result.intent());
        Counter.builder("nlu.classifications")
                .description("Customer messages classified, by language and whether the model refused them")
                .tag("language", language)
                .tag("outcome", refused ? "refused" : "recognized")
                .register(registry)
                .increment();
        DistributionSummary.builder("nlu.confidence")
                .description("The confidence of the model's top intent per customer message, in percent")
                .baseUnit("percent")
                .tag("language", language)
                .serviceLevelObjectives(CONFIDENCE_BUCKETS)
                .register(registry)
                .record(result.confidence() * 100);
    }
}
