package org.supportflow.nlu.learning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.contracts.privacy.Erased;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.classify.LabeledText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackStoreTest {

    @Test
    void storesMaskedCorrectionsOnceAndSurvivesRestart(@TempDir Path dir) throws IOException {
        FeedbackStore store = new FeedbackStore(dir, new PiiMasker());
        assertThat(store.append("e1", "conv-1", "ko", "order_status", "송장번호\t알려줘요\n")).isTrue();
        assertThat(store.append("e1", "conv-1", "ko", "order_status", "송장번호 알려줘요")).as("redelivery").isFalse();
        assertThat(store.append("e2", "conv-2", "en", "human_agent", "call me on ０１０/1234/5678")).isTrue();
        assertThat(store.append("e3", "conv-2", "en", "human_agent", "   ")).isFalse();

        FeedbackStore reopened = new FeedbackStore(dir, new PiiMasker());
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.examples()).containsExactly(new LabeledText("order_status", "송장번호 알려줘요"),
                new LabeledText("human_agent", "call me on [PHONE]"));
        assertThat(reopened.corrections()).extracting(FeedbackStore.Correction::conversationId)
                .containsExactly("conv-1", "conv-2");
        String file = Files.readString(dir.resolve("feedback/feedback.tsv"), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("1234");
    }

    @Test
    void erasureReplacesTheTextOfTheConversationsCorrectionsOnDiskAndForTraining(@TempDir Path dir) throws IOException {
        FeedbackStore store = new FeedbackStore(dir, new PiiMasker());
        store.append("e1", "conv-jiwoo", "en", "order_status", "my daughter Jiwoo at Seoul Grammar School ordered it");
        store.append("e2", "conv-other", "en", "refund", "I want my money back");
        store.append("e3", "conv-jiwoo", "en", "refund", "Jiwoo wants a refund");

        assertThat(store.eraseConversations(List.of("conv-jiwoo", "conv-unknown"))).isEqualTo(2);
        assertThat(store.eraseConversations(List.of("conv-jiwoo"))).as("idempotent").isZero();

        assertThat(store.examples()).containsExactly(new LabeledText("refund", "I want my money back"));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.corrections()).hasSize(3).filteredOn(FeedbackStore.Correction::erased)
                .extracting(FeedbackStore.Correction::maskedText).containsOnly(Erased.MARKER);
        String file = Files.readString(dir.resolve("feedback/feedback.tsv"), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("Jiwoo").contains("I want my money back").contains(Erased.MARKER);

        // A restart keeps the erasure, and a correction arriving late for an erased conversation is stored erased.
        FeedbackStore reopened = new FeedbackStore(dir, new PiiMasker());
        assertThat(reopened.examples()).containsExactly(new LabeledText("refund", "I want my money back"));
        assertThat(reopened.append("e4", "conv-jiwoo", "en", "greeting", "hi, Jiwoo again")).isTrue();
        assertThat(reopened.examples()).hasSize(1);
        assertThat(Files.readString(dir.resolve("feedback/feedback.tsv"), StandardCharsets.UTF_8))
                .doesNotContain("Jiwoo");
    }

    @Test
    void readsTheFourColumnLinesWrittenBeforeConversationIdsWereKept(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("feedback"));
        Files.writeString(dir.resolve("feedback/feedback.tsv"), "greeting\ten\told-1\thello there\n",
                StandardCharsets.UTF_8);
        FeedbackStore store = new FeedbackStore(dir, new PiiMasker());
        assertThat(store.examples()).containsExactly(new LabeledText("greeting", "hello there"));
        assertThat(store.corrections().getFirst().conversationId()).isEmpty();
    }
}
