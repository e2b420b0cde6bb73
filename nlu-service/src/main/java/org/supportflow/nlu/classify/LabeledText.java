package org.supportflow.nlu.classify;

import java.util.Objects;

/** One training or evaluation example: an intent wire name and a message. */
public record LabeledText(String intent, String text) {

    public LabeledText {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(text, "text");
    }
}
