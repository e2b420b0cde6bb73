package org.supportflow.analytics.facts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A milestone event is measured from the ticket's earliest creation, and only when it is the first of it. */
class TicketProgressTest {

    private static final Instant T0 = Instant.parse("2031-03-01T09:00:00Z");

    @Test
    void theFirstEventOfAMilestoneIsMeasuredFromTheEarliestCreation() {
        TicketProgress progress = TicketProgress.NONE
                .with(fact("CREATED", null, T0.plusSeconds(30)))
                .with(fact("CREATED", null, T0));

        TicketFact reply = fact("AGENT_REPLIED", "OPEN", T0.plusSeconds(90));
        assertThat(progress.measure(reply, TicketMilestone.FIRST_REPLY)).isEqualTo(Duration.ofSeconds(90));
        TicketFact solved = fact("STATUS_CHANGED", "SOLVED", T0.plusSeconds(600));
        assertThat(progress.with(reply).measure(solved, TicketMilestone.RESOLUTION))
                .as("another milestone's event does not count").isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void anEventOfAMilestoneReachedNoLaterMeasuresNothing() {
        TicketProgress replied = TicketProgress.NONE
                .with(fact("CREATED", null, T0))
                .with(fact("AGENT_REPLIED", "OPEN", T0.plusSeconds(60)));

        assertThat(replied.measure(fact("AGENT_REPLIED", "OPEN", T0.plusSeconds(120)), TicketMilestone.FIRST_REPLY))
                .isNull();
        assertThat(replied.measure(fact("AGENT_REPLIED", "OPEN", T0.plusSeconds(60)), TicketMilestone.FIRST_REPLY))
                .as("a tie goes to the one known first").isNull();
        TicketProgress closed = replied.with(fact("STATUS_CHANGED", "CLOSED", T0.plusSeconds(300)));
        assertThat(closed.measure(fact("STATUS_CHANGED", "SOLVED", T0.plusSeconds(400)), TicketMilestone.RESOLUTION))
                .as("closed straight away is a resolution").isNull();
    }

    @Test
    void withoutAnEarlierCreationNothingIsMeasured() {
        TicketFact reply = fact("AGENT_REPLIED", "OPEN", T0);
        assertThat(TicketProgress.NONE.measure(reply, TicketMilestone.FIRST_REPLY)).isNull();
        assertThat(TicketProgress.NONE.with(fact("CREATED", null, T0.plusSeconds(1)))
                .measure(reply, TicketMilestone.FIRST_REPLY)).isNull();
    }

    @Test
    void onlyMilestoneFactsReachAMilestone() {
        assertThat(TicketMilestone.of(fact("AGENT_REPLIED", "OPEN", T0))).isEqualTo(TicketMilestone.FIRST_REPLY);
        assertThat(TicketMilestone.of(fact("STATUS_CHANGED", "SOLVED", T0))).isEqualTo(TicketMilestone.RESOLUTION);
        assertThat(TicketMilestone.of(fact("STATUS_CHANGED", "CLOSED", T0))).isEqualTo(TicketMilestone.RESOLUTION);
        assertThat(TicketMilestone.of(fact("STATUS_CHANGED", "PENDING", T0))).isNull();
        assertThat(TicketMilestone.of(fact("STATUS_CHANGED", null, T0))).as("a change without a status").isNull();
        assertThat(TicketMilestone.of(fact("CSAT_RECORDED", "SOLVED", T0))).isNull();
    }

    private static TicketFact fact(String type, String status, Instant at) {
        return new TicketFact("e-" + type + at, "t-1", "c-1", "demo-web", type, status, "NORMAL", null, null, null,
                null, at);
    }
}
