package org.supportflow.nlu.kb;

import java.util.List;

/**
 * One knowledge-base answer as the support team writes it. Ids follow {@code <intent>.default} (the
 * intent's general answer), {@code <intent>.<topic>} (a keyword-specific answer) and
 * {@code <intent>.handoff} (what the bot says when the intent goes to a person).
 */
public record KbAnswer(String id, String intent, List<String> keywords, String text, List<String> quickReplies) {

    public KbAnswer {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    public boolean isDefault() {
        return id.endsWith(".default");
    }

    public boolean isHandoff() {
        return id.endsWith(".handoff");
    }
}
