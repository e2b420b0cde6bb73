package org.supportflow.routing.hours;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.hours.BusinessHours;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The after-hours decision runs on the platform's business hours ({@code supportflow.hours.*}, shipped by
 * platform-contracts), the same schedule ticket-service's SLA clock reads, holidays included.
 */
@QuarkusTest
class SharedBusinessHoursTest {

    @Inject
    BusinessHours schedule;

    @Inject
    AgentHours agentHours;

    @Test
    void routingReadsTheSharedSchedule() {
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(schedule.isOpen(Instant.parse("2026-11-23T01:00:00Z"))).as("Monday 10:00 in Seoul").isTrue();
        assertThat(schedule.isOpen(Instant.parse("2026-11-28T01:00:00Z"))).as("Saturday").isFalse();
        assertThat(schedule.isOpen(Instant.parse("2026-12-25T01:00:00Z"))).as("Christmas, a shared holiday").isFalse();
        assertThat(agentHours.zone()).isEqualTo(schedule.zone());
        assertThat(agentHours.nextOpening(Instant.parse("2026-12-24T10:00:00Z")))
                .as("Thursday 19:00 before Christmas: back on Monday")
                .map(next -> next.toLocalDateTime().toString()).contains("2026-12-28T09:00");
    }
}
