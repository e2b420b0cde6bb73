package org.supportflow.gateway.kakao.response;

import java.util.List;
import java.util.Objects;

/**
 * A reply to show in a SkillResponse.
 *
 * @param messageId the reply's own id (recorded as delivered once it went out)
 */
public record SkillReply(String messageId, String text, List<String> quickReplies) {

    public SkillReply {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
