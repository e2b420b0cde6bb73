package org.supportflow.analytics.metrics;

import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Intent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Label values kept to a small, bounded set so that a Prometheus series never multiplies per
 * conversation or customer: intents of the domain (well-formed names, at most 200 distinct, else {@code other}), handoff reasons of the taxonomy (else {@code other}), channel ids as
 * configured on the gateway (a short slug, else {@code other}), {@code unknown} when absent.
 */
public final class MetricLabels {

    public static final String UNKNOWN = "unknown";
    public static final String OTHER = "other";

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");
    private static final Set<String> REASONS = Arrays.stream(HandoffReason.values())
            .map(HandoffReason::wireName).collect(Collectors.toUnmodifiableSet());
    /** Distinct intent labels kept; beyond, {@code other}. */
    static final int MAX_INTENTS = 200;
    private static final Set<String> INTENTS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Set<String> SLAS = Set.of("first_response", "resolution", "next_response");

    private MetricLabels() {
    }

    public static String channel(String channelId) {
        if (channelId == null || channelId.isBlank()) {
            return UNKNOWN;
        }
        String value = channelId.toLowerCase(Locale.ROOT);
        return CHANNEL.matcher(value).matches() ? value : OTHER;
    }

    public static String intent(String intent) {
        if (intent == null || intent.isBlank()) {
            return UNKNOWN;
        }
        if (!Intent.isWellFormedName(intent)) {
            return OTHER;
        }
        // intents come from the active domain bundle, so the set is not known here: the first MAX_INTENTS
        // names seen become labels, any further one is "other" (a bundle has a few dozen intents)
        if (INTENTS.contains(intent)) {
            return intent;
        }
        synchronized (INTENTS) {
            if (INTENTS.size() < MAX_INTENTS) {
                INTENTS.add(intent);
                return intent;
            }
        }
        return OTHER;
    }

    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return UNKNOWN;
        }
        return REASONS.contains(reason) ? reason : OTHER;
    }

    /** {@code BOT} → {@code bot}, {@code HUMAN_CONTINUED} → {@code human_continued}. */
    public static String route(String route) {
        return route == null ? UNKNOWN : route.toLowerCase(Locale.ROOT);
    }

    public static String priority(String priority) {
        return priority == null ? UNKNOWN : priority.toLowerCase(Locale.ROOT);
    }

    public static String sla(String sla) {
        if (sla == null || sla.isBlank()) {
            return UNKNOWN;
        }
        return SLAS.contains(sla) ? sla : OTHER;
    }
}
