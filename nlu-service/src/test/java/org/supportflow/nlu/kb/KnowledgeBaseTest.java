package org.supportflow.nlu.kb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {

    private static final String KO = """
            {"version": "t1", "language": "ko", "answers": [
              {"id": "order_status.default", "intent": "order_status", "keywords": [],
               "text": "마이페이지에서 배송 현황을 확인하세요.", "quickReplies": ["배송 조회하기"]},
              {"id": "order_status.tracking", "intent": "order_status", "keywords": ["송장", "운송장 번호"],
               "text": "운송장 번호는 문자로 보내드려요.", "quickReplies": []},
              {"id": "order_status.guest", "intent": "order_status", "keywords": ["비회원"],
               "text": "비회원 주문조회를 이용하세요.", "quickReplies": []},
              {"id": "complaint.handoff", "intent": "complaint", "keywords": [],
               "text": "불편을 드려 죄송합니다. 담당자에게 연결해 드릴게요.", "quickReplies": []}
            ]}""";
    private static final String EN = """
            {"version": "t1", "language": "en", "answers": [
              {"id": "order_status.default", "intent": "order_status", "keywords": [],
               "text": "Check your orders page.", "quickReplies": ["Track my order"]},
              {"id": "payment_methods.card", "intent": "payment_methods", "keywords": ["card", "credit card"],
               "text": "We accept all major cards.", "quickReplies": []},
              {"id": "payment_methods.default", "intent": "payment_methods", "keywords": [],
               "text": "Cards, bank transfer and pay apps.", "quickReplies": []}
            ]}""";

    private static KnowledgeBase load(Path dir) throws IOException {
        return new KnowledgeBaseLoader().loadDirectory(dir);
    }

    private static void write(Path dir, String ko, String en) throws IOException {
        Files.writeString(dir.resolve("faq-ko.json"), ko, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("faq-en.json"), en, StandardCharsets.UTF_8);
    }

    @Test
    void retrievalPrefersKeywordAnswersThenDefaultThenHandoff(@TempDir Path dir) throws IOException {
        write(dir, KO, EN);
        KnowledgeBase kb = load(dir);
        assertThat(kb.answer("order_status", "ko", "운송장번호 알려주세요")).map(KbAnswer::id)
                .contains("order_status.tracking");
        assertThat(kb.answer("order_status", "ko", "비회원으로 샀는데 조회 어떻게 해요")).map(KbAnswer::id)
                .contains("order_status.guest");
        assertThat(kb.answer("order_status", "ko", "택배 언제 와요")).map(KbAnswer::id).contains("order_status.default");
        assertThat(kb.answer("complaint", "ko", "너무 화가 나요")).map(KbAnswer::id).contains("complaint.handoff");
        assertThat(kb.answer("payment_methods", "en", "do you take credit cards?")).map(KbAnswer::id)
                .contains("payment_methods.card");
        assertThat(kb.answer("payment_methods", "en", "how can I pay?")).map(KbAnswer::id)
                .contains("payment_methods.default");
        assertThat(kb.answer("payment_methods", "en", "can I pay by credit card")).map(KbAnswer::id)
                .contains("payment_methods.card");
        assertThat(kb.answer("payment_methods", "en", "do you accept cardigans as payment")).map(KbAnswer::id)
                .as("whole words only for English keywords").contains("payment_methods.default");
    }

    @Test
    void answersOnlyInTheMessagesLanguage(@TempDir Path dir) throws IOException {
        write(dir, KO, EN);
        KnowledgeBase kb = load(dir);
        assertThat(kb.answer("order_status", "en", "where is it")).map(KbAnswer::text).contains("Check your orders page.");
        assertThat(kb.answer("complaint", "en", "terrible")).isEmpty();
        assertThat(kb.answer("unknown_intent", "ko", "뭐지")).isEmpty();
    }

    @Test
    void shippedKnowledgeBaseCoversEveryBotIntentInBothLanguages() throws IOException {
        KnowledgeBase kb = new KnowledgeBaseLoader().loadClasspath();
        for (String intent : org.supportflow.nlu.TestModels.shopBundle().intentNames()) {
            for (String language : new String[]{"ko", "en"}) {
                assertThat(kb.answer(intent, language, "")).as(intent + "/" + language)
                        .isPresent();
                assertThat(kb.answer(intent, language, "").get().quickReplies()).isNotNull();
            }
        }
    }

    @Test
    void invalidFilesAreRejectedWithTheFileNamed(@TempDir Path dir) throws IOException {
        write(dir, KO, "{\"version\": \"x\", \"language\": \"en\", \"answers\": [{\"id\": \"a\"}]}");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("faq-en.json");
        write(dir, KO, "{ not json");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("faq-en.json");
        write(dir, KO, EN.replace("\"language\": \"en\"", "\"language\": \"fr\""));
        assertThatThrownBy(() -> load(dir)).isInstanceOf(KnowledgeBaseException.class);
    }

    @Test
    void serviceReloadsChangedFilesAndKeepsTheOldSnapshotOnBrokenEdits(@TempDir Path dir) throws IOException {
        write(dir, KO, EN);
        KnowledgeBaseService service = new KnowledgeBaseService(Optional.of(dir));
        service.reload();
        String first = service.current().version();
        assertThat(first).startsWith("en:t1+ko:t1#");
        assertThat(service.reloadIfChanged()).as("nothing changed").isFalse();

        Files.writeString(dir.resolve("faq-en.json"), EN.replace("Check your orders page.", "See My Orders."));
        Files.setLastModifiedTime(dir.resolve("faq-en.json"), FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(service.reloadIfChanged()).isTrue();
        assertThat(service.current().version()).isNotEqualTo(first);
        assertThat(service.current().answer("order_status", "en", "hi")).map(KbAnswer::text).contains("See My Orders.");

        String good = service.current().version();
        Files.writeString(dir.resolve("faq-en.json"), "{ broken");
        Files.setLastModifiedTime(dir.resolve("faq-en.json"), FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(service.reloadIfChanged()).isFalse();
        assertThat(service.current().version()).isEqualTo(good);
        assertThatThrownBy(service::reload).isInstanceOf(KnowledgeBaseException.class);
        assertThat(service.current().version()).isEqualTo(good);
    }
}
