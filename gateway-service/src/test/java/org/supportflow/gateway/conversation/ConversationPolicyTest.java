package org.supportflow.gateway.conversation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration IDLE = Duration.ofHours(24);
    private final ConversationPolicy policy = new ConversationPolicy(Duration.ofHours(2));

    @Test
    void continuesAnActiveConversation() {
        OpenConversation open = new OpenConversation("c1", T0, null);
        assertThat(policy.endReason(open, T0.plus(Duration.ofHours(23)), IDLE)).isEmpty();
    }

    @Test
    void endsAnIdleConversationAtTheIdleTimeout() {
        OpenConversation open = new OpenConversation("c1", T0, null);
        assertThat(policy.endReason(open, T0.plus(IDLE).minusSeconds(1), IDLE)).isEmpty();
        assertThat(policy.endReason(open, T0.plus(IDLE), IDLE)).contains(ConversationPolicy.EndReason.IDLE);
        assertThat(policy.endReason(open, T0.plusSeconds(5), Duration.ofSeconds(5)))
                .contains(ConversationPolicy.EndReason.IDLE);
    }

    @Test
    void aSolvedConversationContinuesWithinTheGracePeriodOnly() {
        OpenConversation solved = new OpenConversation("c1", T0, T0.plus(Duration.ofHours(1)));
        assertThat(policy.endReason(solved, T0.plus(Duration.ofHours(2)), IDLE)).isEmpty();
        assertThat(policy.endReason(solved, T0.plus(Duration.ofHours(3)), IDLE))
                .contains(ConversationPolicy.EndReason.SOLVED);
    }

    @Test
    void theGracePeriodCountsFromTheLastCustomerMessageAfterTheSolve() {
        OpenConversation solved = new OpenConversation("c1", T0.plus(Duration.ofHours(2)), T0);
        assertThat(policy.endReason(solved, T0.plus(Duration.ofHours(3)), IDLE)).isEmpty();
        assertThat(policy.endReason(solved, T0.plus(Duration.ofHours(4)), IDLE))
                .contains(ConversationPolicy.EndReason.SOLVED);
    }

    @Test
    void conversationIdsAreFreshAndOpaque() {
        assertThat(ConversationPolicy.newConversationId()).startsWith("conv-")
                .isNotEqualTo(ConversationPolicy.newConversationId());
    }
}
