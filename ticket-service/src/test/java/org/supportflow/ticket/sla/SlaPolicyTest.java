package org.supportflow.ticket.sla;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.taxonomy.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPolicyTest {

    private static final BusinessHours HOURS = BusinessHours.parse("Asia/Seoul",
            Map.of("monday", "09:00-18:00", "tuesday", "09:00-18:00"), Set.of());

    private static Map<Priority, Duration> targets(long urgentMinutes) {
        Map<Priority, Duration> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.URGENT, Duration.ofMinutes(urgentMinutes));
        targets.put(Priority.HIGH, Duration.ofHours(1));
        targets.put(Priority.NORMAL, Duration.ofHours(4));
        targets.put(Priority.LOW, Duration.ofHours(8));
        return targets;
    }

    private final SlaPolicy policy = new SlaPolicy(HOURS, targets(30), targets(240), Duration.ofMinutes(15));

    private static Instant seoul(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+09:00[Asia/Seoul]").toInstant();
    }

    @Test
    void dueTimesFollowPriorityInBusinessTime() {
        Instant created = seoul("2026-11-23T17:50:00");
        assertThat(policy.firstResponseDue(created, Priority.URGENT)).isEqualTo(seoul("2026-11-24T09:20:00"));
        assertThat(policy.firstResponseDue(created, Priority.NORMAL)).isEqualTo(seoul("2026-11-24T12:50:00"));
        assertThat(policy.resolutionDue(created, Priority.URGENT, Duration.ZERO)).isEqualTo(seoul("2026-11-24T12:50:00"));
    }

    @Test
    void businessTimeSpentPendingMovesTheResolutionDue() {
        Instant created = seoul("2026-11-23T09:00:00");
        // 4 h of URGENT resolution + 2 h waiting for the customer: Monday 15:00, not 13:00.
        assertThat(policy.resolutionDue(created, Priority.URGENT, Duration.ofHours(2)))
                .isEqualTo(seoul("2026-11-23T15:00:00"));
        // 8 h 30 min more: past Monday's 18:00, on into Tuesday.
        assertThat(policy.resolutionDue(created, Priority.URGENT, Duration.ofMinutes(510)))
                .isEqualTo(seoul("2026-11-24T12:30:00"));
    }

    @Test
    void statesOfATarget() {
        Instant due = seoul("2026-11-23T12:00:00");
        assertThat(policy.state(due, null, true, seoul("2026-11-23T11:00:00"))).isEqualTo(SlaPolicy.TargetState.ON_TRACK);
        assertThat(policy.state(due, null, true, seoul("2026-11-23T11:50:00"))).isEqualTo(SlaPolicy.TargetState.AT_RISK);
        assertThat(policy.state(due, null, true, seoul("2026-11-23T12:01:00"))).isEqualTo(SlaPolicy.TargetState.BREACHED);
        assertThat(policy.state(due, seoul("2026-11-23T11:59:00"), false, seoul("2026-11-23T13:00:00")))
                .isEqualTo(SlaPolicy.TargetState.MET);
        assertThat(policy.state(due, seoul("2026-11-23T12:30:00"), false, seoul("2026-11-23T13:00:00")))
                .isEqualTo(SlaPolicy.TargetState.BREACHED);
        assertThat(policy.state(due, null, false, seoul("2026-11-23T13:00:00"))).isEqualTo(SlaPolicy.TargetState.NONE);
        assertThat(policy.state(null, null, true, seoul("2026-11-23T13:00:00"))).isEqualTo(SlaPolicy.TargetState.NONE);
    }

    @Test
    void everyPriorityNeedsATarget() {
        Map<Priority, Duration> missing = targets(30);
        missing.remove(Priority.LOW);
        assertThatThrownBy(() -> new SlaPolicy(HOURS, missing, targets(240), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOW");
    }
}
