package org.supportflow.gateway.kakao.response;

import org.junit.jupiter.api.Test;
import org.supportflow.gateway.kakao.response.SkillResponseComposer.Composition;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SkillResponseComposerTest {

    private final SkillResponseComposer composer = new SkillResponseComposer();

    private static SkillReply reply(String id, String text, String... quickReplies) {
        return new SkillReply(id, text, List.of(quickReplies));
    }

    private static String sentences(int count) {
        return "Your parcel left our warehouse this afternoon and arrives tomorrow. ".repeat(count).strip(); // 68 each
    }

    @Test
    void aShortAnswerIsOneSimpleTextWithItsQuickReplies() {
        Composition composition = composer.compose(List.of(reply("a", "배송 중입니다.", "배송 조회", "상담원 연결")));

        assertThat(composition.outputs()).containsExactly("배송 중입니다.");
        assertThat(composition.quickReplies()).containsExactly("배송 조회", "상담원 연결");
        assertThat(composition.truncated()).isFalse();
    }

    @Test
    void aLongAnswerIsSplitIntoAtMostThreeOutputsOfAtMost1000Characters() {
        Composition composition = composer.compose(List.of(reply("a", sentences(40)))); // 2,719 chars

        assertThat(composition.outputs()).hasSize(3)
                .allSatisfy(output -> assertThat(output.length()).isLessThanOrEqualTo(1000));
        assertThat(composition.included()).extracting(SkillReply::messageId).containsExactly("a");
    }

    @Test
    void atMostTenQuickRepliesFromTheLastReplyShown() {
        String[] labels = IntStream.rangeClosed(1, 12).mapToObj(i -> "선택 " + i).toArray(String[]::new);
        Composition composition = composer.compose(List.of(reply("held", "상담원 답변", "예전 버튼"), reply("a", "답변", labels)));

        assertThat(composition.quickReplies()).hasSize(10).startsWith("선택 1").doesNotContain("예전 버튼", "선택 11");
    }

    @Test
    void severalRepliesShareTheThreeOutputs() {
        List<SkillReply> replies = IntStream.rangeClosed(1, 5).mapToObj(i -> reply("r" + i, "답변 " + i + "입니다.")).toList();

        Composition composition = composer.compose(replies);

        assertThat(composition.outputs()).containsExactly("답변 1입니다.\n\n답변 2입니다.\n\n답변 3입니다.\n\n답변 4입니다.\n\n답변 5입니다.");
        assertThat(composition.included()).hasSize(5);
    }

    @Test
    void threeShortRepliesKeepTheirOwnBubbles() {
        Composition composition = composer.compose(List.of(reply("h1", "상담원: 확인해 볼게요."),
                reply("h2", "상담원: 내일 도착합니다."), reply("a", "더 도와드릴까요?")));

        assertThat(composition.outputs()).containsExactly("상담원: 확인해 볼게요.", "상담원: 내일 도착합니다.", "더 도와드릴까요?");
    }

    @Test
    void heldRepliesGiveWayToTheAnswerWhenNotAllFit() {
        SkillReply oldHeld = reply("h1", sentences(14)); // 951 chars: one bubble
        SkillReply newHeld = reply("h2", sentences(28)); // two bubbles
        SkillReply answer = reply("a", sentences(5));

        Composition composition = composer.compose(List.of(oldHeld, newHeld), answer);

        assertThat(composition.included()).extracting(SkillReply::messageId).containsExactly("h1", "a");
        assertThat(composition.outputs()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aReplyTooLongForAWholeResponseIsShortenedWithAnEllipsis() {
        Composition composition = composer.compose(List.of(reply("a", sentences(70))), reply("b", "later"));

        assertThat(composition.truncated()).isFalse(); // "b" must be shown: the long held reply gives way
        assertThat(composition.included()).extracting(SkillReply::messageId).containsExactly("b");

        Composition alone = composer.compose(List.of(reply("a", sentences(70))));
        assertThat(alone.truncated()).isTrue();
        assertThat(alone.outputs()).hasSize(3).allSatisfy(output -> assertThat(output.length()).isLessThanOrEqualTo(1000));
        assertThat(alone.outputs().getLast()).endsWith("…");
    }
}
