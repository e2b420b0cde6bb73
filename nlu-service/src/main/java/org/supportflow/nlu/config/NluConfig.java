package org.supportflow.nlu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of nlu-service ({@code nlu.*}; environment variables such as {@code NLU_MODEL_DIR}). */
@ConfigMapping(prefix = "nlu")
public interface NluConfig {

    /** Where model versions and the feedback store live ({@code NLU_MODEL_DIR}). */
    @WithDefault("target/nlu-models")
    String modelDir();

    /** Language when a message has no letters at all. */
    @WithDefault("ko")
    String defaultLanguage();

    /** Intents listed in {@code ranking}. */
    @WithDefault("5")
    int rankingSize();

    /** Longest accepted message, in characters. */
    @WithDefault("4000")
    int maxTextLength();

    Training training();

    Kb kb();

    Learning learning();

    Domain domain();

    interface Domain {
        /** The bundle shipped in the jar used when the platform has no active domain yet: {@code domains/<name>}. */
        @WithDefault("shop")
        String defaultName();

        /** A bundle directory to use as the default instead ({@code NLU_DOMAIN_DIR}). */
        Optional<String> dir();

        /** How long startup waits for the last record of {@code nlu.domain}. */
        @WithDefault("10s")
        Duration startupReadTimeout();
    }

    interface Training {
        /** Feature set, see {@code FeatureSet.describe()}. */
        @WithDefault("w2,c2-5,s2-4,m,e,d1")
        String features();

        @WithDefault("0.01")
        double l2Cost();

        @WithDefault("300")
        int iterations();

        @WithDefault("1")
        int threads();
    }

    interface Kb {
        /** A directory with {@code faq-*.json} ({@code NLU_KB_DIR}); the shipped classpath copy when absent. */
        Optional<String> dir();

        /** How often the directory's files are checked for changes. */
        @WithDefault("30s")
        Duration checkInterval();
    }

    interface Learning {
        @WithDefault("true")
        boolean enabled();

        /** Retrain once this many corrections arrived since the active model was trained. */
        @WithDefault("25")
        int retrainAfter();

        /** How often the pending corrections are counted. */
        @WithDefault("5m")
        Duration checkInterval();

        /** Stored model versions to keep (the active one is always kept). */
        @WithDefault("10")
        int keepVersions();
    }
}
