package org.supportflow.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The cost of one load run per message, from four snapshots load-profile.sh takes of the platform's processes
 * and database (before and after an idle period, before and after the run): CPU per message per component with
 * each component's idle consumption subtracted, committed transactions and rows written per message, resident
 * memory; printed as markdown tables ready for BENCHMARKS.md.
 *
 * <p>A snapshot is text, one fact per line: {@code nanos <wall clock>}, {@code ticks_per_second <n>},
 * {@code cpu <component> <utime+stime ticks>}, {@code rss <component> <kB>}, {@code pg <backend pid> <ticks>}
 * (the backends connected to the platform's database), {@code commits <xact_commit>},
 * {@code rows <schema> <n_tup_ins> <n_tup_upd>}.
 */
public final class ProfileReport {

    static final String POSTGRES = "PostgreSQL (backends)";
    static final String DRIVER = "load driver";

    /** One snapshot, parsed. */
    record Snapshot(long nanos, long ticksPerSecond, Map<String, Long> cpu, Map<String, Long> rssKb,
                    Map<String, Long> backends, long commits, Map<String, long[]> rows) {

        static Snapshot parse(List<String> lines) {
            long nanos = -1;
            long ticks = 100;
            long commits = -1;
            Map<String, Long> cpu = new LinkedHashMap<>();
            Map<String, Long> rss = new LinkedHashMap<>();
            Map<String, Long> backends = new LinkedHashMap<>();
            Map<String, long[]> rows = new TreeMap<>();
            for (String line : lines) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#")) {
                    continue;
                }
                try {
                    switch (f[0]) {
                        case "nanos" -> nanos = Long.parseLong(f[1]);
                        case "ticks_per_second" -> ticks = Long.parseLong(f[1]);
                        case "commits" -> commits = Long.parseLong(f[1]);
                        case "cpu" -> cpu.merge(f[1], Long.parseLong(f[2]), Long::sum);
                        case "rss" -> rss.merge(f[1], Long.parseLong(f[2]), Long::sum);
                        case "pg" -> backends.put(f[1], Long.parseLong(f[2]));
                        case "rows" -> rows.put(f[1], new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
                        default -> throw new IllegalArgumentException("unknown fact");
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("bad snapshot line: " + line, e);
                }
            }
            if (nanos < 0) {
                throw new IllegalArgumentException("snapshot without nanos");
            }
            return new Snapshot(nanos, ticks, cpu, rss, backends, commits, rows);
        }

        /** CPU ticks of the database backends since {@code before}; a backend that is new counts whole. */
        long backendTicksSince(Snapshot before) {
            long sum = 0;
            for (Map.Entry<String, Long> backend : backends.entrySet()) {
                sum += backend.getValue() - Math.min(backend.getValue(), before.backends.getOrDefault(backend.getKey(), 0L));
            }
            return sum;
        }
    }

    /**
     * A component's CPU over the run, less its idle consumption over as long, in ms per message; its idle
     * consumption in cores (a high one says the platform was not idle, e.g. still working off an earlier run).
     */
    record Row(String component, double msPerMessage, double idleCores, double rssMb) {
    }

    /** What the run cost per message. */
    record Cost(long messages, double runSeconds, List<Row> rows, double commitsPerMessage,
                Map<String, double[]> rowsPerMessage) {

        double platformMsPerMessage() {
            return rows.stream().filter(r -> !r.component().equals(DRIVER)).mapToDouble(Row::msPerMessage).sum();
        }
    }

    private ProfileReport() {
    }

    static Cost cost(Snapshot idleBefore, Snapshot idleAfter, Snapshot runBefore, Snapshot runAfter, long messages,
                     double driverCpuMs) {
        if (messages <= 0) {
            throw new IllegalArgumentException("no messages to divide by");
        }
        double idleSeconds = (idleAfter.nanos() - idleBefore.nanos()) / 1e9;
        double runSeconds = (runAfter.nanos() - runBefore.nanos()) / 1e9;
        if (idleSeconds <= 0 || runSeconds <= 0) {
            throw new IllegalArgumentException("snapshots out of order");
        }
        // Idle consumption scaled to the run's length: what the component would have burnt without traffic.
        double idleScale = runSeconds / idleSeconds;
        double msPerTick = 1000.0 / runAfter.ticksPerSecond();
        List<Row> rows = new ArrayList<>();
        for (String component : runAfter.cpu().keySet()) {
            double run = runAfter.cpu().get(component) - runBefore.cpu().getOrDefault(component, 0L);
            double idle = idleAfter.cpu().getOrDefault(component, 0L) - idleBefore.cpu().getOrDefault(component, 0L);
            rows.add(new Row(component, Math.max(0, run - idle * idleScale) * msPerTick / messages,
                    idle * msPerTick / 1000 / idleSeconds, runAfter.rssKb().getOrDefault(component, 0L) / 1024.0));
        }
        double idleBackends = idleAfter.backendTicksSince(idleBefore);
        double backends = runAfter.backendTicksSince(runBefore) - idleBackends * idleScale;
        rows.add(new Row(POSTGRES, Math.max(0, backends) * msPerTick / messages,
                idleBackends * msPerTick / 1000 / idleSeconds, Double.NaN));
        rows.sort((a, b) -> Double.compare(b.msPerMessage(), a.msPerMessage()));
        rows.add(new Row(DRIVER, driverCpuMs / messages, Double.NaN, Double.NaN));
        // A snapshot cut short (no commits line) leaves the database figures unknown rather than zero.
        boolean counted = Stream.of(idleBefore, idleAfter, runBefore, runAfter).allMatch(s -> s.commits() >= 0);
        double commits = !counted ? Double.NaN : (runAfter.commits() - runBefore.commits())
                - (idleAfter.commits() - idleBefore.commits()) * idleScale;
        Map<String, double[]> perSchema = new TreeMap<>();
        for (Map.Entry<String, long[]> schema : counted ? runAfter.rows().entrySet() : Map.<String, long[]>of().entrySet()) {
            long[] before = runBefore.rows().getOrDefault(schema.getKey(), new long[2]);
            perSchema.put(schema.getKey(), new double[]{(schema.getValue()[0] - before[0]) / (double) messages,
                    (schema.getValue()[1] - before[1]) / (double) messages});
        }
        return new Cost(messages, runSeconds, rows, Double.isNaN(commits) ? commits : Math.max(0, commits) / messages,
                perSchema);
    }

    static String markdown(Cost cost) {
        StringBuilder out = new StringBuilder();
        double platform = cost.platformMsPerMessage();
        out.append("| component | CPU per message | share | idle (subtracted) | RSS |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (Row row : cost.rows()) {
            boolean driver = row.component().equals(DRIVER);
            out.append(String.format(Locale.ROOT, "| %s | %.2f ms | %s | %s | %s |%n", row.component().replace('_', ' '),
                    row.msPerMessage(),
                    driver || platform <= 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * row.msPerMessage() / platform),
                    Double.isNaN(row.idleCores()) ? "" : String.format(Locale.ROOT, "%.2f cores", row.idleCores()),
                    Double.isNaN(row.rssMb()) ? "" : String.format(Locale.ROOT, "%.0f MB", row.rssMb())));
        }
        out.append(String.format(Locale.ROOT, "| **platform total** | **%.2f ms** | | %.2f cores | |%n", platform,
                cost.rows().stream().filter(r -> !Double.isNaN(r.idleCores())).mapToDouble(Row::idleCores).sum()));
        out.append(String.format(Locale.ROOT, "%nCommitted transactions per message: **%s** (%d messages, %.0f s "
                        + "between snapshots)%n", Double.isNaN(cost.commitsPerMessage()) ? "not measured"
                        : String.format(Locale.ROOT, "%.2f", cost.commitsPerMessage()), cost.messages(),
                cost.runSeconds()));
        if (!cost.rowsPerMessage().isEmpty()) {
            out.append("\n| schema | rows inserted per message | rows updated per message |\n| --- | --- | --- |\n");
            cost.rowsPerMessage().forEach((schema, perMessage) -> out.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.2f |%n", schema, perMessage[0], perMessage[1])));
        }
        return out.toString();
    }

    /** {@code ProfileReport <idle-before> <idle-after> <run-before> <run-after> <messages> <driver CPU ms>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: ProfileReport <idle-before> <idle-after> <run-before> <run-after> "
                    + "<messages> <driver-cpu-ms>");
            System.exit(2);
        }
        Snapshot[] snapshots = new Snapshot[4];
        for (int i = 0; i < 4; i++) {
            snapshots[i] = Snapshot.parse(Files.readAllLines(Path.of(args[i])));
        }
        System.out.print(markdown(cost(snapshots[0], snapshots[1], snapshots[2], snapshots[3],
                Long.parseLong(args[4]), Double.parseDouble(args[5]))));
    }
}
