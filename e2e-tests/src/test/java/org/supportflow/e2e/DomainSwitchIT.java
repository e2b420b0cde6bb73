package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 on the running platform: switched from the shop to the telecom bundle through the NLU's admin API,
 * a Korean telecom question gets that bundle's answer, a telecom intent routed to a person makes a ticket that
 * waits for an agent with the bundle's skill, the shop's intents are gone, and a broken bundle is refused while
 * the active one keeps answering. The shop is restored at the end, so later tests still see it.
 */
@Order(8)
class DomainSwitchIT {

    private static final Path TELECOM = Path.of("..", "nlu-service", "src", "main", "resources", "domains", "telecom");
    private static final String DOMAINS = LocalPlatform.NLU + "/api/v1/nlu/domains";

    private final ChannelClient kakao = new ChannelClient("demo-kakao");

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    private static Map<String, String> telecomFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(TELECOM)) {
            for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private JsonNode ask(String text) {
        Http.Response response = kakao.post(kakao.message(ChannelClient.newId("m"), ChannelClient.newId("cust"),
                "ko-KR", "REGULAR", text), 4500);
        assertThat(response.status()).as(response.toString()).isIn(200, 202);
        return response.json();
    }

    private String activeDomain(String admin) {
        Http.Response active = Http.get(DOMAINS + "/active", admin);
        assertThat(active.status()).as(active.toString()).isEqualTo(200);
        return active.json().get("domain").asText();
    }

    @Test
    void theRunningPlatformSwitchesToTheTelecomBundleAndBack() {
        String admin = Keycloak.token("admin1");
        String supervisor = Keycloak.token("supervisor1");
        assertThat(activeDomain(admin)).isEqualTo("shop");
        try {
            // a broken bundle is refused with its file and line; the shop keeps answering
            Map<String, String> broken = telecomFiles();
            broken.put("domain.json", broken.get("domain.json").replace("\"route\": \"person\", \"priority\": \"HIGH\", \"skills\": [\"retention\"]",
                    "\"route\": \"operator\", \"priority\": \"HIGH\", \"skills\": [\"retention\"]"));
            Http.Response refused = Http.postJson(DOMAINS + "/jobs", admin, Map.of("files", broken));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_bundle");
            assertThat(refused.json().get("message").asText()).contains("domain.json:", "cancellation",
                    "\"bot\" or \"person\"");
            assertThat(ask("배송비는 얼마인가요?").at("/replies/0/text").asText()).contains("배송비");

            // the telecom bundle: trained as a job, its report next to the shop's, promoted
            Http.Response created = Http.postJson(DOMAINS + "/jobs", admin, Map.of("files", telecomFiles()));
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String job = created.json().get("id").asText();
            AtomicReference<JsonNode> report = new AtomicReference<>();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode state = Http.get(DOMAINS + "/jobs/" + job, admin).json();
                assertThat(state.get("status").asText()).isIn("PASSED", "REFUSED", "FAILED");
                report.set(state);
            });
            assertThat(report.get().get("status").asText()).as(report.get().toString()).isEqualTo("PASSED");
            assertThat(report.get().at("/activeReport/intents").toString()).contains("order_status");
            Http.Response promoted = Http.postJson(DOMAINS + "/jobs/" + job + "/promote", admin, Map.of());
            assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
            assertThat(activeDomain(admin)).isEqualTo("telecom");

            // a Korean telecom question gets the telecom bundle's answer (routing picked up the policy too)
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(ask("남은 데이터 얼마나 되는지 알려주세요").at("/replies/0/text").asText())
                            .contains("*114#"));
            // the shop's intents are gone: a shop question is out of this domain's scope, and the fallback
            // offers the telecom bundle's buttons (routing's policy came from nlu.domain)
            JsonNode shop = ask("배송비는 얼마인가요?");
            assertThat(shop.at("/replies/0/text").asText()).doesNotContain("3,000원");
            assertThat(shop.at("/replies/0/quickReplies").toString()).contains("요금제 안내");

            // a telecom intent routed to a person: a ticket, waiting in routing's queue for the bundle's skill
            JsonNode cancel = ask("휴대폰 회선 해지하고 싶어요 위약금도 알려주세요");
            String conversation = cancel.get("conversationId").asText();
            JsonNode ticket = Tickets.awaitTicket(conversation, supervisor);
            assertThat(ticket.get("priority").asText()).isEqualTo("HIGH");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Http.Response queue = Http.get(LocalPlatform.ROUTING + "/api/v1/routing/queue", supervisor);
                JsonNode entry = null;
                for (JsonNode waiting : queue.json().get("waiting")) {
                    if (conversation.equals(waiting.get("conversationId").asText())) {
                        entry = waiting;
                    }
                }
                assertThat(entry).as(queue.toString()).isNotNull();
                assertThat(entry.get("requiredSkills").toString()).contains("retention");
            });
        } finally {
            Http.Response back = Http.postJson(DOMAINS + "/rollback", admin, Map.of());
            assertThat(back.status()).as(back.toString()).isEqualTo(200);
        }
        assertThat(activeDomain(admin)).isEqualTo("shop");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ask("배송비는 얼마인가요?").at("/replies/0/text").asText()).contains("배송비"));
    }
}
