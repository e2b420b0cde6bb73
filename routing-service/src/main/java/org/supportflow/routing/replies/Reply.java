package org.supportflow.routing.replies;

import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.taxonomy.Author;

import java.util.List;
import java.util.Objects;

/** A reply to the customer before it becomes an {@link OutboundMessageEvent}. */
public record Reply(Author author, OutboundMessageEvent.Kind kind, String text, List<String> quickReplies) {

    public Reply {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
