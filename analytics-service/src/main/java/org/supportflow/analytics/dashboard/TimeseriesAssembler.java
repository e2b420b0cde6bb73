package org.supportflow.analytics.dashboard;

import org.supportflow.analytics.summary.Percentiles;
import org.supportflow.analytics.summary.SummaryAssembler;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the facts' rows into a gap-free series with rates, percentiles and averages; no I/O. */
public final class TimeseriesAssembler {

    /** The key under which intents and channels without a value are shown. */
    static final String UNKNOWN = SummaryAssembler.UNKNOWN_REASON;

    private TimeseriesAssembler() {
    }

    public static Timeseries assemble(TimeRange range, Bucket bucket, Optional<String> channelId, int topIntents,
                                      TimeseriesFacts facts, Instant generatedAt) {
        List<Instant> starts = bucket.starts(range.from(), range.to());
        Map<Instant, TimeseriesFacts.ConversationRow> conversations = byBucket(facts.conversations(),
                TimeseriesFacts.ConversationRow::bucket);
        Map<Instant, TimeseriesFacts.MessageRow> messages = byBucket(facts.messages(),
                TimeseriesFacts.MessageRow::bucket);
        Map<Instant, List<TimeseriesFacts.KeyCount>> reasons = grouped(facts.handoffReasons(),
                TimeseriesFacts.KeyCount::bucket);
        Map<Instant, List<Double>> firstResponses = seconds(facts.firstResponses());
        Map<Instant, List<Double>> resolutions = seconds(facts.resolutions());
        Map<Instant, List<TimeseriesFacts.Csat>> csat = grouped(facts.csat(), TimeseriesFacts.Csat::bucket);

        List<Timeseries.Point> points = new ArrayList<>();
        AutomationFigures allFigures = AutomationFigures.NONE;
        long allMessages = 0, allHandoffs = 0, allHandedOff = 0, allUnrecognized = 0;
        for (Instant start : starts) {
            TimeseriesFacts.ConversationRow conv = conversations.get(start);
            AutomationFigures figures = conv == null ? AutomationFigures.NONE : conv.figures();
            long handedOff = conv == null ? 0 : conv.handedOff();
            TimeseriesFacts.MessageRow msg = messages.get(start);
            long count = msg == null ? 0 : msg.messages();
            long handoffs = msg == null ? 0 : msg.handoffs();
            long unrecognized = msg == null ? 0 : msg.unrecognized();
            List<Double> first = firstResponses.getOrDefault(start, List.of());
            List<Double> resolved = resolutions.getOrDefault(start, List.of());
            Map<String, Double> csatByChannel = new TreeMap<>();
            for (TimeseriesFacts.Csat row : csat.getOrDefault(start, List.of())) {
                csatByChannel.put(orUnknown(row.channelId()), average(row.scoreSum(), row.responses()));
            }
            points.add(new Timeseries.Point(start, figures.conversations(), count, figures.involved(),
                    figures.answered(), figures.deflected(), figures.resolved(), figures.involvementRate(),
                    figures.answerRate(), figures.deflectionRate(), figures.resolutionRate(),
                    figures.automationRate(), handoffs, handedOff, unrecognized,
                    reasonCounts(reasons.getOrDefault(start, List.of())),
                    Percentiles.of(first, 0.5), Percentiles.of(first, 0.9),
                    Percentiles.of(resolved, 0.5), Percentiles.of(resolved, 0.9), csatByChannel));
            allFigures = allFigures.plus(figures);
            allMessages += count;
            allHandoffs += handoffs;
            allHandedOff += handedOff;
            allUnrecognized += unrecognized;
        }

        List<Double> allFirst = facts.firstResponses().stream().map(TimeseriesFacts.Duration::seconds).toList();
        List<Double> allResolved = facts.resolutions().stream().map(TimeseriesFacts.Duration::seconds).toList();
        List<Timeseries.ChannelCsat> csatByChannel = csatByChannel(facts.csat());
        long csatSum = facts.csat().stream().mapToLong(TimeseriesFacts.Csat::scoreSum).sum();
        long csatResponses = facts.csat().stream().mapToLong(TimeseriesFacts.Csat::responses).sum();
        Timeseries.Totals totals = new Timeseries.Totals(allFigures.conversations(), allMessages,
                allFigures.involved(), allFigures.answered(), allFigures.deflected(), allFigures.resolved(),
                allFigures.involvementRate(), allFigures.answerRate(), allFigures.deflectionRate(),
                allFigures.resolutionRate(), allFigures.automationRate(), allHandoffs, allHandedOff, allUnrecognized,
                reasonCounts(facts.handoffReasons()), Percentiles.of(allFirst, 0.5), Percentiles.of(allFirst, 0.9),
                Percentiles.of(allResolved, 0.5), Percentiles.of(allResolved, 0.9),
                average(csatSum, csatResponses), csatResponses);
        return new Timeseries(range.from(), range.to(), bucket.wireName(), channelId.orElse(null), generatedAt,
                facts.channels().stream().map(TimeseriesAssembler::orUnknown).distinct().sorted().toList(),
                totals, points, intentTrends(starts, facts.intents(), topIntents), csatByChannel);
    }

    /** The most frequent intents of the range (ties by name), each with its count per bucket. */
    static List<Timeseries.IntentTrend> intentTrends(List<Instant> starts, List<TimeseriesFacts.KeyCount> rows,
                                                     int top) {
        Map<String, Map<Instant, Long>> perIntent = new HashMap<>();
        for (TimeseriesFacts.KeyCount row : rows) {
            perIntent.computeIfAbsent(orUnknown(row.key()), k -> new HashMap<>())
                    .merge(row.bucket(), row.count(), Long::sum);
        }
        return perIntent.entrySet().stream()
                .map(e -> new Timeseries.IntentTrend(e.getKey(),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        starts.stream().map(start -> e.getValue().getOrDefault(start, 0L)).toList()))
                .sorted(Comparator.comparingLong(Timeseries.IntentTrend::count).reversed()
                        .thenComparing(Timeseries.IntentTrend::intent))
                .limit(top)
                .toList();
    }

    static List<Timeseries.ChannelCsat> csatByChannel(List<TimeseriesFacts.Csat> rows) {
        Map<String, long[]> sums = new TreeMap<>();
        for (TimeseriesFacts.Csat row : rows) {
            long[] sum = sums.computeIfAbsent(orUnknown(row.channelId()), k -> new long[2]);
            sum[0] += row.scoreSum();
            sum[1] += row.responses();
        }
        return sums.entrySet().stream()
                .map(e -> new Timeseries.ChannelCsat(e.getKey(), average(e.getValue()[0], e.getValue()[1]),
                        e.getValue()[1]))
                .toList();
    }

    /** Every handoff reason of the taxonomy (0 when absent), then any other key; no reason counts as unknown. */
    private static Map<String, Long> reasonCounts(List<TimeseriesFacts.KeyCount> rows) {
        Map<String, Long> counted = new HashMap<>();
        for (TimeseriesFacts.KeyCount row : rows) {
            counted.merge(row.key(), row.count(), Long::sum);
        }
        return SummaryAssembler.reasons(counted);
    }

    private static Double average(long sum, long count) {
        return count == 0 ? null : (double) sum / count;
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

    private static <T> Map<Instant, T> byBucket(List<T> rows, Function<T, Instant> bucket) {
        return rows.stream().collect(Collectors.toMap(bucket, Function.identity(), (a, b) -> a));
    }

    private static <T> Map<Instant, List<T>> grouped(List<T> rows, Function<T, Instant> bucket) {
        return rows.stream().collect(Collectors.groupingBy(bucket));
    }

    private static Map<Instant, List<Double>> seconds(List<TimeseriesFacts.Duration> rows) {
        return rows.stream().collect(Collectors.groupingBy(TimeseriesFacts.Duration::bucket,
                Collectors.mapping(TimeseriesFacts.Duration::seconds, Collectors.toList())));
    }
}
