package org.supportflow.analytics.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricLabelsTest {

    @Test
    void keepsTaxonomyValuesAndBoundsTheRest() {
        assertThat(MetricLabels.intent("order_status")).isEqualTo("order_status");
        assertThat(MetricLabels.intent("brand_new_intent_of_a_newer_model")).isEqualTo("other");
        assertThat(MetricLabels.intent(null)).isEqualTo("unknown");
        assertThat(MetricLabels.reason("vip")).isEqualTo("vip");
        assertThat(MetricLabels.reason("because")).isEqualTo("other");
        assertThat(MetricLabels.reason(null)).isEqualTo("unknown");
        assertThat(MetricLabels.sla("first_response")).isEqualTo("first_response");
        assertThat(MetricLabels.sla("whatever")).isEqualTo("other");
    }

    @Test
    void channelsAreShortSlugs() {
        assertThat(MetricLabels.channel("demo-web")).isEqualTo("demo-web");
        assertThat(MetricLabels.channel("Demo-Kakao")).isEqualTo("demo-kakao");
        assertThat(MetricLabels.channel("chan\"nel{}")).isEqualTo("other");
        assertThat(MetricLabels.channel("x".repeat(80))).isEqualTo("other");
        assertThat(MetricLabels.channel(null)).isEqualTo("unknown");
    }

    @Test
    void routesAndPrioritiesAreLowerCase() {
        assertThat(MetricLabels.route("HUMAN_CONTINUED")).isEqualTo("human_continued");
        assertThat(MetricLabels.priority("URGENT")).isEqualTo("urgent");
        assertThat(MetricLabels.priority(null)).isEqualTo("unknown");
    }
}
