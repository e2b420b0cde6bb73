package org.supportflow.gateway.waiting;

import java.util.List;

/** A reply as returned in the {@code waitMs} answer. */
public record ReplyView(String text, List<String> quickReplies) {

    public ReplyView {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
