package org.supportflow.nlu.pipeline;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentPrediction;
import org.supportflow.nlu.entities.EntityExtractor;
import org.supportflow.nlu.kb.KbAnswer;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.sentiment.SentimentAnalyzer;
import org.supportflow.nlu.sentiment.SentimentResult;

import java.util.List;
import java.util.function.Supplier;

/**
 * One customer message through the whole NLU: PII masking first (the classifier, the sentiment
 * analyser and every output only ever see masked text, NFKC-normalised), entities from the normalised
 * text with personal values replaced by placeholders, language, intent with calibrated ranking and refusal,
 * sentiment and urgency, and the knowledge-base answer in the message's language. Thread-safe.
 */
public final class NluPipeline {

    /**
     * What one message is analysed with, read once per message: the model, the answers and the entity
     * patterns of one domain, so that a domain swap never mixes two.
     */
    public record Snapshot(IntentModel model, KnowledgeBase knowledgeBase,
                           List<org.supportflow.nlu.domain.DomainBundle.EntityPattern> entityPatterns) {
    }

    private final LanguageDetector languageDetector;
    private final Supplier<Snapshot> snapshot;
    private final SentimentAnalyzer sentiment;
    private final EntityExtractor entities;
    private final PiiMasker masker;
    private final int rankingSize;

    public NluPipeline(LanguageDetector languageDetector, Supplier<IntentModel> intentModel,
                       SentimentAnalyzer sentiment, EntityExtractor entities, PiiMasker masker,
                       Supplier<KnowledgeBase> knowledgeBase, int rankingSize) {
        this(languageDetector, sentiment, entities, masker,
                () -> new Snapshot(intentModel.get(), knowledgeBase.get(), List.of()), rankingSize);
    }

    public NluPipeline(LanguageDetector languageDetector, SentimentAnalyzer sentiment, EntityExtractor entities,
                       PiiMasker masker, Supplier<Snapshot> snapshot, int rankingSize) {
        this.languageDetector = languageDetector;
        this.snapshot = snapshot;
        this.sentiment = sentiment;
        this.entities = entities;
        this.masker = masker;
        this.rankingSize = rankingSize;
    }

    /**
     * @param languageHint "ko" or "en" to skip detection, or null
     */
    public NluResult analyze(String text, String languageHint) {
        Snapshot domain = snapshot.get();
        PiiMasker.Masked masking = masker.mask(text);
        String masked = masking.text();
        List<NluResult.Entity> found = new java.util.ArrayList<>(entities.extract(masking).stream()
                .map(e -> new NluResult.Entity(e.type(), e.value())).toList());
        for (org.supportflow.nlu.domain.DomainBundle.EntityPattern pattern : domain.entityPatterns()) {
            java.util.regex.Matcher m = pattern.pattern().matcher(masked);
            while (m.find() && found.size() < 32) {
                String value = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
                found.add(new NluResult.Entity(pattern.type(), value));
            }
        }
        String language = languageHint != null && LanguageDetector.SUPPORTED.contains(languageHint)
                ? languageHint : languageDetector.detect(masked);
        IntentPrediction prediction = domain.model().classify(masked, rankingSize);
        SentimentResult feeling = sentiment.analyze(masked);
        NluResult.BotAnswer answer = domain.knowledgeBase().answer(prediction.intent(), language, masked)
                .map(NluPipeline::toBotAnswer).orElse(null);
        List<NluResult.IntentScore> ranking = prediction.ranking().stream()
                .map(s -> new NluResult.IntentScore(s.intent(), round(s.confidence()))).toList();
        return new NluResult(language, prediction.intent(), round(prediction.confidence()), ranking,
                feeling.label(), feeling.score(), feeling.urgency(), found, masked, answer,
                prediction.modelVersion());
    }

    private static NluResult.BotAnswer toBotAnswer(KbAnswer answer) {
        return new NluResult.BotAnswer(answer.id(), answer.text(), answer.quickReplies());
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
