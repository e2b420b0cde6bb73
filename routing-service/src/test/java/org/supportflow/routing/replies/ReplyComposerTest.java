package org.supportflow.routing.replies;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent.Kind;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.routing.testing.Nlu;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyComposerTest {

    private static final ZonedDateTime MONDAY_9 = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneId.of("Asia/Seoul"));

    private final ReplyComposer composer = new ReplyComposer(Map.of(
            "ko", new ReplyComposer.Templates("더 궁금하신 점이 있으신가요?", "다시 말씀해 주세요.", List.of("상담원 연결"),
                    "상담원에게 연결해 드릴게요.", "상담 가능 시간은 평일 09:00–18:00입니다. {next}에 상담원이 답변드릴게요.",
                    "곧 답변드릴게요.", DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.KOREAN)),
            "en", new ReplyComposer.Templates("Is there anything else I can help you with?", "Say it again?",
                    List.of("Talk to an agent"), "Connecting you.", "An agent will reply on {next}.", "Soon.",
                    DateTimeFormatter.ofPattern("EEEE 'at' HH:mm", Locale.ENGLISH))), "ko");

    @Test
    void anAnswerCarriesTheKnowledgeBaseTextQuickRepliesAndTheFollowUp() {
        var nlu = Nlu.intent("order_status").answer("주문 조회는 마이페이지에서 하실 수 있어요.", "주문 조회", "배송 안내").build();

        Reply reply = composer.answer(nlu, "ko");

        assertThat(reply.author()).isEqualTo(Author.BOT);
        assertThat(reply.kind()).isEqualTo(Kind.ANSWER);
        assertThat(reply.text()).startsWith("주문 조회는 마이페이지에서 하실 수 있어요.").endsWith("더 궁금하신 점이 있으신가요?");
        assertThat(reply.quickReplies()).containsExactly("주문 조회", "배송 안내");
    }

    @Test
    void theFollowUpIsInTheCustomersLanguage() {
        var nlu = Nlu.intent("order_status").language("en").answer("You can track it in My Page.").build();

        assertThat(composer.answer(nlu, "en").text()).isEqualTo(
                "You can track it in My Page.\n\nIs there anything else I can help you with?");
    }

    @Test
    void fallbackAndHandoffNotices() {
        assertThat(composer.fallback("en")).isEqualTo(
                new Reply(Author.BOT, Kind.FALLBACK, "Say it again?", List.of("Talk to an agent")));
        assertThat(composer.handoff("ko")).isEqualTo(
                new Reply(Author.SYSTEM, Kind.HANDOFF_NOTICE, "상담원에게 연결해 드릴게요.", List.of()));
    }

    @Test
    void afterHoursSaysWhenAgentsAreBack() {
        assertThat(composer.afterHours("ko", Optional.of(MONDAY_9)).text())
                .isEqualTo("상담 가능 시간은 평일 09:00–18:00입니다. 월요일 09:00에 상담원이 답변드릴게요.");
        assertThat(composer.afterHours("en", Optional.of(MONDAY_9)).text())
                .isEqualTo("An agent will reply on Monday at 09:00.");
        assertThat(composer.afterHours("en", Optional.empty()).text()).isEqualTo("Soon.");
        assertThat(composer.afterHours("ko", Optional.of(MONDAY_9)).kind()).isEqualTo(Kind.AFTER_HOURS_NOTICE);
    }

    @Test
    void replyLanguageFallsBackToTheLocaleThenTheDefault() {
        assertThat(composer.languageFor("en", "ko-KR")).isEqualTo("en");
        assertThat(composer.languageFor("ja", "en-US")).isEqualTo("en");
        assertThat(composer.languageFor(null, null)).isEqualTo("ko");
        assertThat(composer.languageFor("EN", null)).isEqualTo("en");
        assertThat(composer.fallback("fr").text()).isEqualTo("다시 말씀해 주세요.");
    }

    @Test
    void theDefaultLanguageMustHaveTemplates() {
        assertThatThrownBy(() -> new ReplyComposer(Map.of(), "ko")).isInstanceOf(IllegalArgumentException.class);
    }
}
