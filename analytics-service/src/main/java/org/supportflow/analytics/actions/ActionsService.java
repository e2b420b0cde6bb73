package org.supportflow.analytics.actions;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.analytics.dashboard.ChannelFilter;
import org.supportflow.analytics.summary.RangeParser;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Clock;
import java.util.Optional;

/** Answers the actions' figures of a time range: parses the request, loads the counts, assembles the report. */
@ApplicationScoped
public class ActionsService {

    private final ActionsRepository repository;
    private final Clock clock;
    private final RangeParser rangeParser;

    public ActionsService(ActionsRepository repository, AnalyticsConfig config, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.rangeParser = new RangeParser(clock, config.summary().defaultRange(), config.summary().maxRange());
    }

    public ActionsReport actions(String from, String to, String channelParam) {
        TimeRange range = rangeParser.parse(from, to);
        Optional<String> channelId = ChannelFilter.parse(channelParam);
        return ActionsAssembler.assemble(range, channelId, repository.load(range, channelId), clock.instant());
    }
}
