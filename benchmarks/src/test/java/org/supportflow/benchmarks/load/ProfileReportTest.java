package org.supportflow.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfileReportTest {

    private static ProfileReport.Snapshot snapshot(String... lines) {
        return ProfileReport.Snapshot.parse(List.of(lines));
    }

    // Idle: 10 s, gateway 20 ticks, Kafka 50 ticks, backend 11 burns 10 ticks, 5 commits.
    private static final ProfileReport.Snapshot IDLE_BEFORE = snapshot("nanos 0", "ticks_per_second 100",
            "cpu gateway-service 1000", "cpu Kafka_broker 500", "cpu Kafka_broker 7", "pg 11 100", "commits 1000");
    private static final ProfileReport.Snapshot IDLE_AFTER = snapshot("nanos 10000000000", "ticks_per_second 100",
            "cpu gateway-service 1020", "cpu Kafka_broker 550", "cpu Kafka_broker 7", "pg 11 110", "commits 1005");
    // Run: 20 s, 1,000 messages; gateway +240 ticks, Kafka +300, backend 11 +120 and a new backend 12 with 40,
    // 1,210 commits, ticket schema 3,000 inserts and 500 updates.
    private static final ProfileReport.Snapshot RUN_BEFORE = snapshot("nanos 20000000000", "ticks_per_second 100",
            "cpu gateway-service 1100", "cpu Kafka_broker 600", "cpu Kafka_broker 7", "pg 11 200", "commits 2000",
            "rows ticket 100 50");
    private static final ProfileReport.Snapshot RUN_AFTER = snapshot("nanos 40000000000", "ticks_per_second 100",
            "cpu gateway-service 1340", "rss gateway-service 262144", "cpu Kafka_broker 900", "cpu Kafka_broker 7",
            "rss Kafka_broker 524288", "pg 11 320", "pg 12 40", "commits 3210", "rows ticket 3100 550",
            "rows gateway 1000 0");

    @Test
    void subtractsEachComponentsIdleConsumptionAndDividesByMessages() {
        ProfileReport.Cost cost = ProfileReport.cost(IDLE_BEFORE, IDLE_AFTER, RUN_BEFORE, RUN_AFTER, 1_000, 500);

        // gateway: 240 - 20 x 2 = 200 ticks = 2,000 ms over 1,000 messages; Kafka 300 - 100 = 200 ticks
        // backends: 120 + 40 - 10 x 2 = 140 ticks; driver: its own 500 ms
        assertThat(cost.rows()).extracting(ProfileReport.Row::component)
                .containsExactly("gateway-service", "Kafka_broker", ProfileReport.POSTGRES, ProfileReport.DRIVER);
        assertThat(cost.rows().get(0).msPerMessage()).isCloseTo(2.0, within(1e-9));
        assertThat(cost.rows().get(1).msPerMessage()).isCloseTo(2.0, within(1e-9));
        assertThat(cost.rows().get(2).msPerMessage()).isCloseTo(1.4, within(1e-9));
        assertThat(cost.rows().get(3).msPerMessage()).isCloseTo(0.5, within(1e-9));
        assertThat(cost.platformMsPerMessage()).isCloseTo(5.4, within(1e-9));
        // (1,210 - 5 x 2) / 1,000
        assertThat(cost.commitsPerMessage()).isCloseTo(1.2, within(1e-9));
        // idle: gateway 20 ticks in 10 s = 0.02 cores, Kafka 0.05, backends 0.01
        assertThat(cost.rows().get(0).idleCores()).isCloseTo(0.02, within(1e-9));
        assertThat(cost.rows().get(1).idleCores()).isCloseTo(0.05, within(1e-9));
        assertThat(cost.rows().get(2).idleCores()).isCloseTo(0.01, within(1e-9));
        assertThat(cost.rows().get(3).idleCores()).isNaN();
        assertThat(cost.rowsPerMessage().get("ticket")).containsExactly(3.0, 0.5);
        assertThat(cost.rowsPerMessage().get("gateway")).containsExactly(1.0, 0.0);
    }

    @Test
    void printsAMarkdownTableReadyForBenchmarks() {
        String table = ProfileReport.markdown(
                ProfileReport.cost(IDLE_BEFORE, IDLE_AFTER, RUN_BEFORE, RUN_AFTER, 1_000, 500));

        assertThat(table).contains("| component | CPU per message | share | idle (subtracted) | RSS |\n"
                        + "| --- | --- | --- | --- | --- |\n")
                .contains("| gateway-service | 2.00 ms | 37% | 0.02 cores | 256 MB |\n")
                .contains("| Kafka broker | 2.00 ms | 37% | 0.05 cores | 512 MB |\n")
                .contains("| PostgreSQL (backends) | 1.40 ms | 26% | 0.01 cores |  |\n")
                .contains("| load driver | 0.50 ms |  |  |  |\n")
                .contains("| **platform total** | **5.40 ms** | | 0.08 cores | |\n")
                .contains("Committed transactions per message: **1.20** (1000 messages, 20 s between snapshots)")
                .contains("| ticket | 3.00 | 0.50 |\n");
        assertThat(table.indexOf("gateway-service")).isLessThan(table.indexOf("load driver"));
    }

    @Test
    void aSnapshotWithoutDatabaseFiguresLeavesThemUnmeasured() {
        ProfileReport.Snapshot cutShort = snapshot("nanos 40000000000", "ticks_per_second 100",
                "cpu gateway-service 1340", "cpu Kafka_broker 900");

        ProfileReport.Cost cost = ProfileReport.cost(IDLE_BEFORE, IDLE_AFTER, RUN_BEFORE, cutShort, 1_000, 500);

        assertThat(cost.rows().get(0).msPerMessage()).isCloseTo(2.0, within(1e-9));
        assertThat(cost.commitsPerMessage()).isNaN();
        assertThat(cost.rowsPerMessage()).isEmpty();
        assertThat(ProfileReport.markdown(cost)).contains("Committed transactions per message: **not measured**");
    }

    @Test
    void refusesSnapshotsItCannotRead() {
        assertThatThrownBy(() -> snapshot("cpu x 1")).hasMessageContaining("nanos");
        assertThatThrownBy(() -> snapshot("nanos 1", "cpu x notanumber")).hasMessageContaining("bad snapshot line");
        assertThatThrownBy(() -> ProfileReport.cost(IDLE_BEFORE, IDLE_AFTER, RUN_BEFORE, RUN_AFTER, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
