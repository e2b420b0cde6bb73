package org.supportflow.analytics.labels;

import java.time.Instant;

/** One training example for the NLU: a masked text, its language and the intent a person gave it. */
public record LabeledExample(String id, String maskedText, String language, String intent, String labeledBy,
                             Instant labeledAt) {
}
