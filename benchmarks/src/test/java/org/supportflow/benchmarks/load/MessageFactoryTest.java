package org.supportflow.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.signing.ChannelSignature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFactoryTest {

    private static final HeldOutTexts KOREAN = new HeldOutTexts(List.of("배송비가 얼마예요?"), List.of("상담원 연결해 주세요"));
    private static final HeldOutTexts ENGLISH = new HeldOutTexts(List.of("How much is shipping?", "hello"),
            List.of("A person, please"));

    @Test
    void signsEachPlannedMessageWithItsScheduledTimestamp() {
        ConversationPlan plan = ConversationPlan.of(2_000,
                new ConversationPlan.Shape(1_000, 3, 10, 0.5, 0.05, new int[]{1, 2}, new int[]{1, 1}), 11);
        MessageFactory factory = new MessageFactory(plan, KOREAN, ENGLISH, "run1", "secret");
        for (int slot = 0; slot < plan.size(); slot++) {
            MessageFactory.Signed signed = factory.sign(slot, 1_800_000_000L + slot);
            JsonNode body = ReplyFinder.readTree(signed.body());
            boolean korean = plan.korean().get(slot);
            HeldOutTexts texts = korean ? KOREAN : ENGLISH;

            assertThat(body.path("messageId").asText()).isEqualTo("load-run1-" + slot).isEqualTo(signed.messageId());
            assertThat(body.path("customer").path("id").asText()).isEqualTo("load-run1-c" + plan.customer()[slot]);
            assertThat(body.path("customer").path("locale").asText()).isEqualTo(korean ? "ko-KR" : "en-US");
            assertThat(body.path("text").asText())
                    .isIn(plan.handoff().get(slot) ? texts.handoff() : texts.everyday());
            assertThat(signed.timestamp()).isEqualTo(Long.toString(1_800_000_000L + slot));
            Clock sendTime = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L + slot), ZoneOffset.UTC);
            assertThat(ChannelSignature.verify("secret", signed.timestamp(), signed.signature(), signed.body(),
                    sendTime, ChannelSignature.DEFAULT_TOLERANCE)).isEqualTo(ChannelSignature.Verification.VALID);
        }
    }
}
