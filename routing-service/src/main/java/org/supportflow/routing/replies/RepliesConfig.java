package org.supportflow.routing.replies;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/**
 * {@code routing.replies.*}: the bot's own words, per language ({@code routing.replies.languages.ko.*},
 * {@code ...en.*}). The answers themselves come from the NLU's knowledge base.
 */
@ConfigMapping(prefix = "routing.replies")
public interface RepliesConfig {

    /** Language used when the message's language has no templates. */
    @WithDefault("ko")
    String defaultLanguage();

    Map<String, Language> languages();

    interface Language {
        /** Appended to every bot answer. */
        String followUp();

        /** When the bot did not understand. */
        String fallback();

        /** Quick replies offered with a fallback. */
        List<String> fallbackQuickReplies();

        /** When a human takes over during business hours. */
        String handoff();

        /**
         * When a human takes over after hours; {@code {next}} is replaced by the next opening formatted
         * with {@link #nextOpeningFormat()}.
         */
        String afterHours();

        /** After hours when the schedule has no opening at all. */
        String afterHoursUnknown();

        /** {@link java.time.format.DateTimeFormatter} pattern for {@code {next}}, in this language. */
        String nextOpeningFormat();
    }
}
