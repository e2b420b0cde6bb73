package org.supportflow.analytics.labels;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.NluFeedbackEvent;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LabelFeedbackTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static PendingLabel pending(String intent, String maskedText) {
        return new PendingLabel(LabelFeedback.feedbackId("evt-1", intent), "evt-1", intent, "supervisor1", AT,
                "conv-1", "demo-web", "m-1", "ko", "out_of_scope", maskedText);
    }

    @Test
    void theSameLabelOfTheSameMessageIsOneEventIdAndAnotherIntentAnother() {
        assertThat(LabelFeedback.feedbackId("evt-1", "product_info"))
                .isEqualTo(LabelFeedback.feedbackId("evt-1", "product_info"))
                .isNotEqualTo(LabelFeedback.feedbackId("evt-1", "refund_request"))
                .isNotEqualTo(LabelFeedback.feedbackId("evt-2", "product_info"))
                .matches("[0-9a-f-]{36}");
        // The separator keeps ("a", "b_c") and ("a_b", "c") apart.
        assertThat(LabelFeedback.feedbackId("a", "b_c")).isNotEqualTo(LabelFeedback.feedbackId("a_b", "c"));
    }

    @Test
    void aLabelIsTheFeedbackEventAnAgentsCorrectionIs() {
        NluFeedbackEvent event = LabelFeedback.event(pending("product_info", "그 [PHONE] 뭐시기")).orElseThrow();
        assertThat(event.eventId()).isEqualTo(LabelFeedback.feedbackId("evt-1", "product_info"));
        assertThat(event.schemaVersion()).isEqualTo(NluFeedbackEvent.SCHEMA_VERSION);
        assertThat(event.occurredAt()).isEqualTo(AT);
        assertThat(event.conversationId()).isEqualTo("conv-1");
        assertThat(event.channelId()).isEqualTo("demo-web");
        assertThat(event.messageId()).isEqualTo("m-1");
        assertThat(event.ticketId()).isNull();
        assertThat(event.language()).isEqualTo("ko");
        assertThat(event.maskedText()).isEqualTo("그 [PHONE] 뭐시기");
        assertThat(event.predictedIntent()).isEqualTo("out_of_scope");
        assertThat(event.correctedIntent()).isEqualTo("product_info");
        assertThat(event.agentId()).isEqualTo("supervisor1");
    }

    @Test
    void anErasedMessageIsNotSent() {
        assertThat(LabelFeedback.event(pending("product_info", null))).isEmpty();
        assertThat(LabelFeedback.event(pending("product_info", " "))).isEmpty();
    }
}
