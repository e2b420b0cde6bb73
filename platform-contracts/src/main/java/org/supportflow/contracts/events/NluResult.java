package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.util.List;

/**
 * What the NLU understood of one customer message (CONTRACT.md §4), without the raw text.
 *
 * @param intent       an intent wire name of the taxonomy, {@code out_of_scope} when refused
 * @param confidence   calibrated probability of {@code intent}, 0..1
 * @param ranking      the top intents, best first; {@code ranking[0].confidence - ranking[1].confidence}
 *                     is the margin routing uses
 * @param entities     extracted entities; personal values (phone, email...) are masked
 * @param maskedText   the text with personal data replaced by placeholders such as {@code [PHONE]}
 * @param answer       the knowledge-base answer for the intent in the message's language, if any
 * @param modelVersion the intent model that produced this result
 */
public record NluResult(
        String language,
        String intent,
        double confidence,
        List<IntentScore> ranking,
        SentimentLabel sentiment,
        double sentimentScore,
        Urgency urgency,
        List<Entity> entities,
        String maskedText,
        BotAnswer answer,
        String modelVersion) {

    public NluResult {
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** Confidence of the best intent minus the second best; 1 when there is no runner-up. */
    public double margin() {
        if (ranking.size() < 2) {
            return 1.0;
        }
        return ranking.get(0).confidence() - ranking.get(1).confidence();
    }

    public record IntentScore(String intent, double confidence) {
    }

    public record Entity(String type, String value) {
    }

    /** A knowledge-base answer: its id (for analytics and feedback), text and quick replies. */
    public record BotAnswer(String answerId, String text, List<String> quickReplies) {
        public BotAnswer {
            quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        }
    }
}
