package org.supportflow.nlu.learning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.contracts.privacy.PiiMasker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackStoreTest {

    @Test
    void storesMaskedCorrectionsOnceAndSurvivesRestart(@TempDir Path dir) throws IOException {
        FeedbackStore store = new FeedbackStore(dir, new PiiMasker());
        assertThat(store.append("e1", "ko", "order_status", "송장번호\t알려줘요\n")).isTrue();
        assertThat(store.append("e1", "ko", "order_status", "송장번호 알려줘요")).as("redelivery").isFalse();
        assertThat(store.append("e2", "en", "human_agent", "call me on 010-1234-5678")).isTrue();
        assertThat(store.append("e3", "en", "human_agent", "   ")).isFalse();

        FeedbackStore reopened = new FeedbackStore(dir, new PiiMasker());
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.examples()).containsExactly(new LabeledText("order_status", "송장번호 알려줘요"),
                new LabeledText("human_agent", "call me on [PHONE]"));
        String file = Files.readString(dir.resolve("feedback/feedback.tsv"), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("010-1234-5678");
    }
}
