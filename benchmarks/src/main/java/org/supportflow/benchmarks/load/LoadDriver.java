package org.supportflow.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts signed customer messages to a running platform at a fixed rate from many simulated customers and
 * measures, per message, the time from the POST to the platform's reply (the bot's answer, or the handoff
 * notice for a message routed to a human), via {@code waitMs}. A message whose reply did not come with the
 * response is looked for afterwards on the polling endpoint; one that never gets a reply is lost.
 *
 * <p>Open-loop: messages are sent on schedule whatever the latency, so a slow platform shows up as latency
 * and errors instead of a politely lowered rate. Ends with one line:
 * {@code rate=<N> achieved=<msg/s> p50_ms=<> p90_ms=<> p99_ms=<> errors=<count> lost=<count>}.
 */
public final class LoadDriver {

    private static final String[] KOREAN = {
            "배송비가 얼마예요?", "주문한 상품 언제 와요?", "결제 수단 뭐 있어요?", "쿠폰 어떻게 써요?", "영업시간 알려주세요",
            "비밀번호를 잊어버렸어요", "반품하고 싶어요", "환불은 언제 되나요?", "안녕하세요", "감사합니다",
            "사이즈 교환 가능한가요?", "주문 취소해 주세요"};
    private static final String[] ENGLISH = {
            "How much is shipping?", "Where is my order?", "Which payment methods do you accept?",
            "How do I use a coupon?", "What are your opening hours?", "I forgot my password",
            "I want to return an item", "When will I get my refund?", "hello", "thanks a lot",
            "Can I exchange for another size?", "Please cancel my order"};

    private final Options options;
    private final HttpClient client;
    private final List<Long> latenciesMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    private LoadDriver(Options options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new LoadDriver(options).run();
    }

    private void run() throws InterruptedException {
        long total = (long) options.rate * options.seconds;
        long intervalNanos = 1_000_000_000L / options.rate;
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("posting %d messages at %d/s to %s (%d customers)%n", total, options.rate,
                options.gateway, options.customers);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(post(runId, i));
            sent.incrementAndGet();
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(failure -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long lost = countLost();
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        sorted.sort(Long::compare);
        double achieved = latenciesMicros.size() / elapsed;
        System.out.printf("rate=%d achieved=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d lost=%d%n",
                options.rate, achieved, percentile(sorted, 0.50), percentile(sorted, 0.90),
                percentile(sorted, 0.99), errors.get(), lost);
    }

    private CompletableFuture<Void> post(String runId, long sequence) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean korean = random.nextBoolean();
        String[] texts = korean ? KOREAN : ENGLISH;
        String customerId = "load-" + runId + "-" + random.nextInt(options.customers);
        String messageId = "load-" + runId + "-" + sequence;
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId);
        customer.put("locale", korean ? "ko-KR" : "en-US");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("customer", customer);
        body.put("text", texts[random.nextInt(texts.length)]);
        byte[] raw = EventJson.toBytes(body);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.gateway + "/api/v1/channels/"
                        + options.channel + "/messages?waitMs=" + options.waitMs))
                .timeout(Duration.ofMillis(options.waitMs + 10_000L))
                .header("Content-Type", "application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(options.secret, timestamp, raw))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                .build();
        long sentAt = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    long micros = (System.nanoTime() - sentAt) / 1_000;
                    if (response.statusCode() == 200) {
                        latenciesMicros.add(micros);
                    } else if (response.statusCode() == 202) {
                        unanswered.put(messageId, conversationOf(response.body()));
                    } else {
                        errors.incrementAndGet();
                        unanswered.put(messageId, "");
                    }
                })
                .exceptionally(failure -> {
                    errors.incrementAndGet();
                    unanswered.put(messageId, "");
                    return null;
                });
    }

    /** Messages without a reply in their response: a reply may still come; poll for it for a while. */
    private long countLost() throws InterruptedException {
        if (unanswered.isEmpty()) {
            return 0;
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            unanswered.entrySet().removeIf(entry -> !entry.getValue().isEmpty() && hasReply(entry.getValue()));
            if (unanswered.values().stream().allMatch(String::isEmpty)) {
                break;
            }
            Thread.sleep(1_000);
        }
        return unanswered.size();
    }

    private boolean hasReply(String conversationId) {
        String pathAndQuery = "/api/v1/conversations/" + conversationId + "/replies";
        long timestamp = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(options.gateway + pathAndQuery))
                    .header(ChannelSignature.CHANNEL_HEADER, options.channel)
                    .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                    .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(options.secret, timestamp, pathAndQuery))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode replies = EventJson.mapper().readTree(response.body()).path("replies");
            return response.statusCode() == 200 && !replies.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static String conversationOf(String body) {
        try {
            return EventJson.mapper().readTree(body).path("conversationId").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private static double percentile(List<Long> sortedMicros, double quantile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
    }

    private record Options(int rate, int seconds, int customers, int waitMs, String gateway, String channel,
                           String secret) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of(
                    "--rate", "100", "--seconds", "30", "--customers", "5000", "--wait-ms", "4500",
                    "--gateway", "http://127.0.0.1:8080", "--channel", "demo-web",
                    "--secret", System.getenv().getOrDefault("SUPPORTFLOW_CHANNEL_SECRET", "local-dev-secret")));
            for (int i = 0; i < args.length; i++) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: load.sh " + String.join(" ", values.keySet().stream()
                            .map(key -> "[" + key + (key.equals("--secret") ? " <secret>" : " " + values.get(key)) + "]").toList())
                            + "; got "
                            + Arrays.toString(args));
                }
                values.put(args[i], args[++i]);
            }
            return new Options(Integer.parseInt(values.get("--rate")), Integer.parseInt(values.get("--seconds")),
                    Integer.parseInt(values.get("--customers")), Integer.parseInt(values.get("--wait-ms")),
                    values.get("--gateway"), values.get("--channel"), values.get("--secret"));
        }
    }
}
