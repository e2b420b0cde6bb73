package org.supportflow.analytics.summary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatesTest {

    @Test
    void dividesPartByWhole() {
        assertThat(Rates.ratio(2, 5)).isEqualTo(0.4);
        assertThat(Rates.ratio(0, 3)).isEqualTo(0.0);
        assertThat(Rates.ratio(3, 3)).isEqualTo(1.0);
    }

    @Test
    void nothingToDivideByIsNoRate() {
        assertThat(Rates.ratio(0, 0)).isNull();
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> Rates.ratio(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rates.ratio(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
