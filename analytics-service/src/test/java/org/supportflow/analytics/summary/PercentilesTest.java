package org.supportflow.analytics.summary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PercentilesTest {

    @Test
    void interpolatesBetweenClosestRanks() {
        // sorted 60, 120, 300: P50 is the middle value; P90 at rank 1.8 = 120 + 0.8 * (300 - 120)
        List<Double> values = List.of(300.0, 60.0, 120.0);
        assertThat(Percentiles.of(values, 0.5)).isEqualTo(120.0);
        assertThat(Percentiles.of(values, 0.9)).isCloseTo(264.0, within(1e-9));
    }

    @Test
    void evenSampleMedianIsTheMeanOfTheMiddlePair() {
        assertThat(Percentiles.of(List.of(3600.0, 7200.0), 0.5)).isEqualTo(5400.0);
        assertThat(Percentiles.of(List.of(3600.0, 7200.0), 0.9)).isCloseTo(6840.0, within(1e-9));
        assertThat(Percentiles.of(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.5);
    }

    @Test
    void boundsAreMinimumAndMaximum() {
        List<Double> values = List.of(5.0, 1.0, 9.0, 7.0);
        assertThat(Percentiles.of(values, 0.0)).isEqualTo(1.0);
        assertThat(Percentiles.of(values, 1.0)).isEqualTo(9.0);
    }

    @Test
    void singleValueIsEveryPercentile() {
        assertThat(Percentiles.of(List.of(42.0), 0.5)).isEqualTo(42.0);
        assertThat(Percentiles.of(List.of(42.0), 0.9)).isEqualTo(42.0);
    }

    @Test
    void emptySampleHasNoPercentile() {
        assertThat(Percentiles.of(List.of(), 0.5)).isNull();
    }

    @Test
    void rejectsPercentilesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> Percentiles.of(List.of(1.0), 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(List.of(1.0), -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(List.of(1.0), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
