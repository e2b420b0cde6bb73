package org.supportflow.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.e2e.Tickets.PIPELINE;

/**
 * Personal data never reaches a log: a customer writes a phone number, an e-mail address, a card number and
 * their name through the whole pipeline (bot answer, handoff, agent reply), then every log of the local
 * platform (services and servers) is searched for them.
 */
@Order(5)
class PersonalDataInLogsIT {

    private static final String NAME = "김지우로그검사";
    private static final String PHONE = "010-4821-7730";
    private static final String EMAIL = "jiwoo.logcheck@example.org";
    private static final String CARD = "4539 7391 2846 0016";
    private static final String FREE_TEXT = "서울문법학교에 다니는 딸";

    private final ChannelClient kakao = new ChannelClient("demo-kakao");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noLogHoldsWhatTheCustomerWrote() throws IOException {
        String customer = ChannelClient.newId("cust");
        Map<String, Object> faq = kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "REGULAR",
                "배송비 얼마예요? 제 번호는 " + PHONE + ", 메일은 " + EMAIL + " 입니다");
        ((Map<String, Object>) faq.get("customer")).put("name", NAME);
        assertThat(kakao.post(faq, 4500).status()).isEqualTo(200);

        Map<String, Object> handoff = kakao.message(ChannelClient.newId("m"), customer, "ko-KR", "REGULAR",
                "상담원 연결해 주세요. 카드 " + CARD + " 결제가 두 번 됐어요. " + FREE_TEXT + " 이름으로 주문했어요");
        ((Map<String, Object>) handoff.get("customer")).put("name", NAME);
        Http.Response accepted = kakao.post(handoff, null);
        assertThat(accepted.status()).as(accepted.toString()).isIn(200, 202);
        String conversationId = accepted.json().get("conversationId").asText();
        String agent = Keycloak.token("agent1");
        String ticketId = Tickets.awaitTicket(conversationId, agent).get("id").asText();
        String agentText = "고객님 연락처 " + PHONE + " 로 " + FREE_TEXT + " 건 확인 후 연락드리겠습니다";
        assertThat(Http.postJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId + "/replies", agent,
                Map.of("text", agentText)).status()).isEqualTo(201);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(kakao.replies(conversationId, null).body())
                .contains("확인 후 연락드리겠습니다"));

        List<Path> logs;
        try (Stream<Path> files = Files.walk(LocalPlatform.localDir().resolve("logs"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).as("the platform's logs").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String content = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            for (String personal : List.of(NAME, PHONE, EMAIL, CARD, FREE_TEXT, "4821-7730", "jiwoo.logcheck")) {
                if (content.contains(personal)) {
                    leaks.add(log.getFileName() + " contains " + personal);
                }
            }
        }
        assertThat(leaks).as("personal data in logs").isEmpty();
    }
}
