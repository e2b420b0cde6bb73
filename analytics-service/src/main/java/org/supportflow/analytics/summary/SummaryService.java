package org.supportflow.analytics.summary;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.web.ApiException;

import java.time.Clock;

/** Answers the summary of a time range: parses the request, loads the figures, assembles the result. */
@ApplicationScoped
public class SummaryService {

    /** The most intents {@code topIntents} may list. */
    static final int MAX_TOP = 100;

    private final SummaryRepository repository;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final RangeParser rangeParser;

    public SummaryService(SummaryRepository repository, AnalyticsConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.rangeParser = new RangeParser(clock, config.summary().defaultRange(), config.summary().maxRange());
    }

    public AnalyticsSummary summary(String from, String to, String top) {
        TimeRange range = rangeParser.parse(from, to);
        SummaryRepository.Limits limits = new SummaryRepository.Limits(topIntents(top),
                config.summary().unrecognizedLimit(), config.unrecognized().confidenceThreshold());
        return SummaryAssembler.assemble(range, repository.load(range, limits), clock.instant());
    }

    private int topIntents(String top) {
        if (top == null || top.isBlank()) {
            return config.summary().topIntents();
        }
        try {
            int value = Integer.parseInt(top.strip());
            if (value >= 1 && value <= MAX_TOP) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_parameter", "'top' must be a whole number from 1 to " + MAX_TOP);
    }
}
