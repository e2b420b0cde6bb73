package org.supportflow.nlu.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.config.NluConfig;
import org.supportflow.nlu.entities.EntityExtractor;
import org.supportflow.nlu.kb.KnowledgeBaseService;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.nlu.learning.ModelLifecycle;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.sentiment.SentimentAnalyzer;

/** CDI wiring of the plain NLU components (they know nothing of Quarkus). */
@ApplicationScoped
public class NluComponents {

    @Produces
    @Singleton
    PiiMasker piiMasker() {
        return new PiiMasker();
    }

    @Produces
    @Singleton
    EntityExtractor entityExtractor(PiiMasker masker) {
        return new EntityExtractor(masker);
    }

    @Produces
    @Singleton
    SentimentAnalyzer sentimentAnalyzer() {
        return new SentimentAnalyzer();
    }

    @Produces
    @Singleton
    LanguageDetector languageDetector(NluConfig config) {
        return LanguageDetector.fromClasspath(config.defaultLanguage());
    }

    @Produces
    @Singleton
    KoreanMorphemes koreanMorphemes() {
        return new KoreanMorphemes();
    }

    void closeMorphemes(@Disposes KoreanMorphemes morphemes) {
        morphemes.close();
    }

    @Produces
    @Singleton
    IntentTrainer intentTrainer(KoreanMorphemes morphemes) {
        return new IntentTrainer(morphemes);
    }

    @Produces
    @Singleton
    NluPipeline pipeline(LanguageDetector language, ModelLifecycle models, SentimentAnalyzer sentiment,
                         EntityExtractor entities, PiiMasker masker, KnowledgeBaseService kb, NluConfig config) {
        return new NluPipeline(language, sentiment, entities, masker, () -> {
            org.supportflow.nlu.domain.DomainManager.Active domain = models.domains().active();
            return new NluPipeline.Snapshot(domain.models().current(),
                    kb.override().orElse(domain.bundle().knowledgeBase()), domain.bundle().entities());
        }, config.rankingSize());
    }
}
