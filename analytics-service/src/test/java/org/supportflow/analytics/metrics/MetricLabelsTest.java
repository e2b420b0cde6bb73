package org.supportflow.analytics.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricLabelsTest {

    @Test
    void keepsTaxonomyValuesAndBoundsTheRest() {
        assertThat(MetricLabels.intent("order_status")).isEqualTo("order_status");
        assertThat(MetricLabels.intent("roaming_charges")).isEqualTo("roaming_charges");
        assertThat(MetricLabels.intent("Not An Intent{}")).isEqualTo("other");
        assertThat(MetricLabels.intent("x".repeat(80))).isEqualTo("other");
        assertThat(MetricLabels.intent(null)).isEqualTo("unknown");
        assertThat(MetricLabels.reason("vip")).isEqualTo("vip");
        assertThat(MetricLabels.reason("because")).isEqualTo("other");
        assertThat(MetricLabels.reason(null)).isEqualTo("unknown");
        assertThat(MetricLabels.sla("first_response")).isEqualTo("first_response");
        assertThat(MetricLabels.sla("whatever")).isEqualTo("other");
    }

    @Test
    void intentLabelsStayBoundedWhateverTheDomain() {
        for (int i = 0; i < MetricLabels.MAX_INTENTS; i++) {
            MetricLabels.intent("bounded_intent_" + i);
        }
        assertThat(MetricLabels.intent("one_intent_too_many")).isEqualTo("other");
        assertThat(MetricLabels.intent("bounded_intent_0")).isIn("bounded_intent_0", "other");
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
