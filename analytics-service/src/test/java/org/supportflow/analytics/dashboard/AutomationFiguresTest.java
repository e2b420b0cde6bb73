package org.supportflow.analytics.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AutomationFiguresTest {

    @Test
    void automationIsInvolvementTimesResolution() {
        // 10 conversations, the bot in 8, a real answer in 6, 5 never reached a person, 4 of them answered.
        AutomationFigures figures = new AutomationFigures(10, 8, 6, 5, 4);
        assertThat(figures.involvementRate()).isEqualTo(0.8);
        assertThat(figures.answerRate()).isEqualTo(0.75);
        assertThat(figures.deflectionRate()).isEqualTo(0.625);
        assertThat(figures.resolutionRate()).isEqualTo(0.5);
        assertThat(figures.automationRate()).isEqualTo(0.4);
        assertThat(figures.automationRate()).isCloseTo(figures.involvementRate() * figures.resolutionRate(),
                within(1e-12));
    }

    @Test
    void nothingToDivideByIsUndefinedNotZero() {
        assertThat(AutomationFigures.NONE.automationRate()).isNull();
        AutomationFigures noBot = new AutomationFigures(3, 0, 0, 0, 0);
        assertThat(noBot.involvementRate()).isZero();
        assertThat(noBot.resolutionRate()).isNull();
        assertThat(noBot.automationRate()).isZero();
    }

    @Test
    void figuresAddUpAndInconsistentCountsAreRefused() {
        assertThat(new AutomationFigures(2, 1, 1, 1, 1).plus(new AutomationFigures(3, 3, 2, 1, 0)))
                .isEqualTo(new AutomationFigures(5, 4, 3, 2, 1));
        assertThatThrownBy(() -> new AutomationFigures(2, 3, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AutomationFigures(5, 4, 1, 4, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
