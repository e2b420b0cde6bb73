package org.supportflow.gateway.dedup;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.messageJson;
import static org.supportflow.gateway.support.GatewayTestSupport.post;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** Concurrent requests race in PostgreSQL, as they would on two replicas. */
@QuarkusTest
class ConcurrentDeliveryTest {

    private static final int PARALLEL = 8;

    @Test
    void theSameMessageSentConcurrentlyIsAcceptedOnceAndPublishedOnce() throws Exception {
        String messageId = uniqueId("m");
        String body = messageJson(messageId, uniqueId("cust"), "동시에 보낸 메시지");

        List<Response> responses = concurrently(i -> post("demo-web", body));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(responses.stream().map(r -> r.<String>path("status")))
                .containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(PARALLEL - 1);
        assertThat(responses.stream().map(r -> r.<String>path("conversationId")).distinct()).hasSize(1);
        assertThat(kafka().collect(Topics.CONVERSATION_INBOUND, InboundMessageEvent.class,
                e -> messageId.equals(e.messageId()), 10, Duration.ofSeconds(4))).hasSize(1);
    }

    @Test
    void aNewCustomersConcurrentMessagesOpenOneConversation() throws Exception {
        String customerId = uniqueId("cust");
        List<Response> responses = concurrently(i -> post("demo-kakao", messageJson(uniqueId("m"), customerId, "msg " + i)));

        assertThat(responses).allSatisfy(r -> assertThat(r.<String>path("status")).isEqualTo("accepted"));
        assertThat(responses.stream().map(r -> r.<String>path("conversationId")).distinct()).hasSize(1);
    }

    private interface Call {
        Response run(int index);
    }

    private static List<Response> concurrently(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return call.run(index);
                }, pool));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
