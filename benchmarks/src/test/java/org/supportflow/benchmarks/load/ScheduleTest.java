package org.supportflow.benchmarks.load;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 30, 1_000, 3_000})
    void messagesAreDueEvenlyAtTheRate(int rate) {
        Schedule schedule = new Schedule(rate, 10L * rate);

        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(rate)).isEqualTo(1_000_000_000L);
        assertThat(schedule.dueNanos(5L * rate)).isEqualTo(5_000_000_000L);
        for (long i = 1; i < 10L * rate; i++) {
            assertThat(schedule.dueNanos(i)).isGreaterThan(schedule.dueNanos(i - 1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 30, 1_000, 3_000})
    void dueByCountsTheMessagesDueSoFar(int rate) {
        long messages = 4L * rate;
        Schedule schedule = new Schedule(rate, messages);
        long[] probes = {-1, 0, 1, 333_333, 333_334, 999_999_999, 1_000_000_000, 1_500_000_001, 3_999_999_999L,
                4_000_000_000L, 60_000_000_000L};
        for (long elapsed : probes) {
            long expected = 0;
            while (expected < messages && schedule.dueNanos(expected) <= elapsed) {
                expected++;
            }
            assertThat(schedule.dueBy(elapsed)).as("due by %d ns", elapsed).isEqualTo(expected);
        }
        assertThat(schedule.dueBy(Long.MAX_VALUE / rate)).isEqualTo(messages);
    }
}
