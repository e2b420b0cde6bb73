package org.supportflow.benchmarks.load;

import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed channel POSTs of a {@link ConversationPlan}: body, {@code X-Timestamp} and {@code X-Signature-256}
 * (CONTRACT.md §1), computed before the run so that sending costs the driver no JSON and no HMAC.
 */
final class MessageFactory {

    /** One message ready to send: the body and its two signature headers. */
    record Signed(String messageId, byte[] body, String timestamp, String signature) {
    }

    private final ConversationPlan plan;
    private final HeldOutTexts korean;
    private final HeldOutTexts english;
    private final String runId;
    private final String secret;

    MessageFactory(ConversationPlan plan, HeldOutTexts korean, HeldOutTexts english, String runId, String secret) {
        this.plan = plan;
        this.korean = korean;
        this.english = english;
        this.runId = runId;
        this.secret = secret;
    }

    String messageId(int slot) {
        return "load-" + runId + "-" + slot;
    }

    String customerId(int slot) {
        return "load-" + runId + "-c" + plan.customer()[slot];
    }

    String text(int slot) {
        HeldOutTexts texts = plan.korean().get(slot) ? korean : english;
        return (plan.handoff().get(slot) ? texts.handoff() : texts.everyday()).get(plan.text()[slot]);
    }

    /**
     * Message {@code slot} signed with timestamp {@code epochSeconds}: its scheduled send time, so that a long run
     * signed up front stays inside the gateway's five-minute window.
     */
    Signed sign(int slot, long epochSeconds) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId(slot));
        customer.put("locale", plan.korean().get(slot) ? "ko-KR" : "en-US");
        Map<String, Object> body = new LinkedHashMap<>();
        String messageId = messageId(slot);
        body.put("messageId", messageId);
        body.put("customer", customer);
        body.put("text", text(slot));
        byte[] raw = EventJson.toBytes(body);
        return new Signed(messageId, raw, Long.toString(epochSeconds), ChannelSignature.sign(secret, epochSeconds, raw));
    }
}
