package org.supportflow.ticket.sla;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA clock runs on the platform's business hours ({@code supportflow.hours.*}, shipped by
 * platform-contracts), the same schedule routing's after-hours decision reads, holidays included.
 */
@QuarkusTest
class SharedBusinessHoursTest {

    @Inject
    SlaPolicy policy;

    @Test
    void theSlaClockReadsTheSharedSchedule() {
        assertThat(policy.hours().zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(policy.hours().isOpen(Instant.parse("2026-11-23T01:00:00Z"))).as("Monday 10:00 in Seoul").isTrue();
        assertThat(policy.hours().isOpen(Instant.parse("2026-11-28T01:00:00Z"))).as("Saturday").isFalse();
        assertThat(policy.hours().isOpen(Instant.parse("2026-12-25T01:00:00Z"))).as("Christmas, a shared holiday")
                .isFalse();
    }
}
