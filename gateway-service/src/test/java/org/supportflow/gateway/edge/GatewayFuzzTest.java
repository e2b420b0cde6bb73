package org.supportflow.gateway.edge;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.messageJson;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * Signed ingestion and replies polling under a bounded fuzz run: every request is signed over its final bytes
 * (or path and query), so the fuzz reaches the parser and the cursor, not just the signature check.
 */
@QuarkusTest
class GatewayFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void signedIngestionNeverFailsWithA5xxNorAnswersWithoutTheErrorBody() {
        HttpFuzzer.against(base)
                .signer((method, target, body) -> {
                    long now = Instant.now().getEpochSecond();
                    return Map.of(ChannelSignature.TIMESTAMP_HEADER, Long.toString(now),
                            ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, now, body));
                })
                .run(Endpoint.of("POST", "/api/v1/channels/{channel}/messages").path("channel", "demo-web")
                        .query("waitMs")
                        .body(messageJson(uniqueId("fuzz"), uniqueId("fuzz-cust"), "배송비가 얼마예요?")));

        accept("demo-web", uniqueId("after-fuzz"), uniqueId("cust"), "still answering?");
    }

    @Test
    void signedRepliesPollingNeverFailsWithA5xxNorAnswersWithoutTheErrorBody() {
        String conversationId = accept("demo-web", uniqueId("m"), uniqueId("cust"), "반품하고 싶어요");
        HttpFuzzer.against(base)
                .signer((method, target, body) -> {
                    long now = Instant.now().getEpochSecond();
                    return Map.of(ChannelSignature.CHANNEL_HEADER, "demo-web",
                            ChannelSignature.TIMESTAMP_HEADER, Long.toString(now),
                            ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, now, target));
                })
                .run(Endpoint.of("GET", "/api/v1/conversations/{id}/replies").path("id", conversationId)
                        .query("after", "limit"));

        signedGet("demo-web", SECRET, "/api/v1/conversations/" + conversationId + "/replies").then().statusCode(200);
    }
}
