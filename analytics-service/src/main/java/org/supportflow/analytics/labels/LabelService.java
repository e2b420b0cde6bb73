package org.supportflow.analytics.labels;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.contracts.domain.ActiveIntents;
import org.supportflow.analytics.dashboard.ChannelFilter;
import org.supportflow.analytics.summary.RangeParser;
import org.supportflow.analytics.summary.TimeRange;
import org.supportflow.contracts.taxonomy.Intent;
import org.supportflow.web.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Lists the bot's unrecognized messages, labels them with an intent, and hands the labels to NLU training. */
@ApplicationScoped
public class LabelService {

    static final int MAX_LIMIT = 500;

    /** What a message id in analytics can look like (event ids); anything else is no message of ours. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final LabelRepository repository;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final RangeParser rangeParser;

    private final ActiveIntents activeIntents;

    public LabelService(LabelRepository repository, AnalyticsConfig config, Clock clock, ActiveIntents activeIntents) {
        this.repository = repository;
        this.activeIntents = activeIntents;
        this.config = config;
        this.clock = clock;
        this.rangeParser = new RangeParser(clock, config.summary().defaultRange(), config.summary().maxRange());
    }

    public List<UnrecognizedMessage> unrecognized(String from, String to, String channelId, String limit) {
        TimeRange range = rangeParser.parse(from, to);
        return repository.unrecognized(range, ChannelFilter.parse(channelId),
                config.unrecognized().confidenceThreshold(), limit(limit, 50));
    }

    /** Stores the label and queues it for the NLU's training data (LabelFeedbackRelay), in one transaction. */
    @Transactional
    public void label(String id, String intent, String user) {
        String wireName = intent == null ? null : intent.strip();
        if (wireName == null || !Intent.isWellFormedName(wireName)) {
            throw ApiException.badRequest("invalid_intent", "'intent' must be an intent name (a-z, 0-9, _)");
        }
        // The intents are the active domain bundle's (nlu.domain); any well-formed name until it is known.
        if (!activeIntents.accepts(wireName)) {
            throw ApiException.badRequest("unknown_intent",
                    "'intent' must be one of the active domain's intents (GET /api/v1/analytics/intents)");
        }
        if (id == null || !ID.matcher(id).matches() || !repository.isLabelable(id, config.unrecognized().confidenceThreshold())) {
            throw ApiException.notFound("not_found", "no unrecognized message with this id");
        }
        repository.label(id, wireName, user, clock.instant());
    }

    public List<LabeledExample> labels(String since, String limit) {
        Instant from = Instant.EPOCH;
        if (since != null && !since.isBlank()) {
            try {
                from = OffsetDateTime.parse(since.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid_parameter",
                        "'since' must be an ISO-8601 instant (2026-11-22T10:00:00Z)");
            }
        }
        return repository.labels(from, limit(limit, MAX_LIMIT));
    }

    /** The {@code limit} parameter: 1 to {@value #MAX_LIMIT}. */
    static int limit(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_parameter", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }
}
