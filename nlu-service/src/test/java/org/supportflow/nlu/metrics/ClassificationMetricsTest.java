package org.supportflow.nlu.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Prometheus scrapes of the classifications: the names and labels the alert rules and dashboards use. */
class ClassificationMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClassificationMetrics metrics = new ClassificationMetrics(registry);

    @Test
    void countsRefusalsApartAndKeepsTheConfidenceDistributionPerLanguage() {
        metrics.record(result("ko", "shipping_info", 0.92));
        metrics.record(result("ko", "out_of_scope", 0.35));
        metrics.record(result("ko", "order_status", 0.55));
        metrics.record(result("en", "out_of_scope", 0.2));

        assertThat(scrape()).contains(
                "nlu_classifications_total{language=\"ko\",outcome=\"recognized\"} 2.0",
                "nlu_classifications_total{language=\"ko\",outcome=\"refused\"} 1.0",
                "nlu_classifications_total{language=\"en\",outcome=\"refused\"} 1.0",
                // cumulative buckets in percent: 0.35 is under 40, 0.55 under 60, 0.92 under 95
                "nlu_confidence_percent_bucket{language=\"ko\",le=\"30.0\"} 0.0",
                "nlu_confidence_percent_bucket{language=\"ko\",le=\"40.0\"} 1.0",
                "nlu_confidence_percent_bucket{language=\"ko\",le=\"60.0\"} 2.0",
                "nlu_confidence_percent_bucket{language=\"ko\",le=\"90.0\"} 2.0",
                "nlu_confidence_percent_bucket{language=\"ko\",le=\"95.0\"} 3.0",
                "nlu_confidence_percent_count{language=\"ko\"} 3.0")
                .doesNotContain("nlu_classifications_total{language=\"en\",outcome=\"recognized\"}");
    }

    @Test
    void aResultWithoutALanguageIsCountedAsUnknown() {
        metrics.record(result(null, "greeting", 0.8));
        assertThat(scrape()).contains("nlu_classifications_total{language=\"unknown\",outcome=\"recognized\"} 1.0");
    }

    /** The exposition text; this client writes a trailing comma in label sets, the services' does not. */
    private String scrape() {
        return registry.scrape().replace(",}", "}");
    }

    private static NluResult result(String language, String intent, double confidence) {
        return new NluResult(language, intent, confidence, List.of(), SentimentLabel.NEUTRAL, 0.0, Urgency.LOW,
                List.of(), "masked", null, "test");
    }
}
