package org.supportflow.benchmarks.load;

import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signed channel POSTs of simulated customers: everyday questions in Korean or English, now and then a request
 * for a person; one customer at random.
 */
final class MessageFactory {

    private static final String[] KOREAN = {
            "배송비가 얼마예요?", "주문한 상품 언제 와요?", "결제 수단 뭐 있어요?", "쿠폰 어떻게 써요?", "영업시간 알려주세요",
            "비밀번호를 잊어버렸어요", "반품하고 싶어요", "환불은 언제 되나요?", "안녕하세요", "감사합니다",
            "사이즈 교환 가능한가요?", "주문 취소해 주세요"};
    private static final String[] ENGLISH = {
            "How much is shipping?", "Where is my order?", "Which payment methods do you accept?",
            "How do I use a coupon?", "What are your opening hours?", "I forgot my password",
            "I want to return an item", "When will I get my refund?", "hello", "thanks a lot",
            "Can I exchange for another size?", "Please cancel my order"};
    private static final String KOREAN_HANDOFF = "상담원 연결해 주세요";
    private static final String ENGLISH_HANDOFF = "I want to talk to a person, please";

    record Message(String messageId, HttpRequest request) {
    }

    private final LoadOptions options;
    private final String runId;
    private final URI target;

    MessageFactory(LoadOptions options, String runId) {
        this.options = options;
        this.runId = runId;
        this.target = URI.create(options.gateway() + "/api/v1/channels/" + options.channel() + "/messages"
                + (options.waitMs() > 0 ? "?waitMs=" + options.waitMs() : ""));
    }

    Message next(long sequence) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean korean = random.nextDouble() < options.koreanShare();
        String[] texts = korean ? KOREAN : ENGLISH;
        String messageId = "load-" + runId + "-" + sequence;
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "load-" + runId + "-" + random.nextInt(options.customers()));
        customer.put("locale", korean ? "ko-KR" : "en-US");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("customer", customer);
        body.put("text", random.nextDouble() < options.handoffShare() ? (korean ? KOREAN_HANDOFF : ENGLISH_HANDOFF)
                : texts[random.nextInt(texts.length)]);
        byte[] raw = EventJson.toBytes(body);
        long timestamp = Instant.now().getEpochSecond();
        // No per-request timeout: each one is a timer in the client's selector thread, contended at thousands
        // per second; the driver gives up on all open requests at once (LoadDriver#awaitResponses).
        HttpRequest request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(options.secret(), timestamp, raw))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                .build();
        return new Message(messageId, request);
    }
}
