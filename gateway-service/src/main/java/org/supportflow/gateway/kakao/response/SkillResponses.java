package org.supportflow.gateway.kakao.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of Open Builder's SkillResponse v2.0 (as maps, serialised by the caller). */
public final class SkillResponses {

    public static final String VERSION = "2.0";

    private SkillResponses() {
    }

    /** {@code {"version":"2.0","template":{"outputs":[{"simpleText":{"text"}}...],"quickReplies":[...]}}}. */
    public static Map<String, Object> template(List<String> outputs, List<String> quickReplies) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("outputs", outputs.stream()
                .map(text -> Map.of("simpleText", Map.of("text", text)))
                .toList());
        if (!quickReplies.isEmpty()) {
            template.put("quickReplies", quickReplies.stream().map(SkillResponses::quickReply).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("template", template);
        return body;
    }

    public static Map<String, Object> template(SkillResponseComposer.Composition composition) {
        return template(composition.outputs(), composition.quickReplies());
    }

    /** The immediate answer of a request whose SkillResponse will be POSTed to its callbackUrl. */
    public static Map<String, Object> useCallback(String holdingText) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("useCallback", true);
        body.put("data", Map.of("text", holdingText));
        return body;
    }

    /** A quick reply that sends its label back as the user's next utterance. */
    private static Map<String, Object> quickReply(String label) {
        Map<String, Object> quickReply = new LinkedHashMap<>();
        quickReply.put("label", label);
        quickReply.put("action", "message");
        quickReply.put("messageText", label);
        return quickReply;
    }
}
