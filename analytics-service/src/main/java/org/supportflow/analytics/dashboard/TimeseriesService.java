package org.supportflow.analytics.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.analytics.summary.RangeParser;
import org.supportflow.analytics.summary.TimeRange;
import org.supportflow.web.ApiException;

import java.time.Clock;
import java.util.Optional;

/** Answers the dashboard's time series: parses the request, loads the rows, assembles the series. */
@ApplicationScoped
public class TimeseriesService {

    static final int MAX_TOP = 20;

    private final TimeseriesRepository repository;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final RangeParser rangeParser;

    public TimeseriesService(TimeseriesRepository repository, AnalyticsConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.rangeParser = new RangeParser(clock, config.summary().defaultRange(), config.summary().maxRange());
    }

    public Timeseries timeseries(String from, String to, String bucketParam, String channelParam, String top) {
        TimeRange range = rangeParser.parse(from, to);
        Bucket bucket = Bucket.parse(bucketParam, range.from(), range.to());
        Optional<String> channelId = ChannelFilter.parse(channelParam);
        int topIntents = top(top);
        TimeseriesFacts facts = repository.load(range, bucket, channelId,
                config.unrecognized().confidenceThreshold());
        return TimeseriesAssembler.assemble(range, bucket, channelId, topIntents, facts, clock.instant());
    }

    private static int top(String top) {
        if (top == null || top.isBlank()) {
            return 5;
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
