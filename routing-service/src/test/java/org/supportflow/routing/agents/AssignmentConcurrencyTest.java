package org.supportflow.routing.agents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.routing.testing.Db;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No agent ever exceeds capacity with two routing replicas: two independent assignment stores, each on its
 * own connection pool (as two service instances would be), assign and release conversations from many
 * threads against the same PostgreSQL, while a monitor checks the database invariant throughout.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AssignmentConcurrencyTest {

    private static final int[] CAPACITIES = {1, 2, 3, 1, 2, 3};
    private static final int TOTAL_SLOTS = 12;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "quarkus.flyway.default-schema")
    String schema;

    private Replica replicaA;
    private Replica replicaB;
    private String prefix;
    private Set<String> skills;

    /** One routing instance: its own connection pool and its own assignment store. */
    private record Replica(Jdbc jdbc, AssignmentStore store) {
        Optional<String> assign(String conversationId, Set<String> skills) {
            return jdbc.inTransaction(c -> store.tryAssign(c, conversationId, skills, Instant.now()));
        }

        void release(String conversationId) {
            jdbc.inTransaction(c -> store.release(c, conversationId));
        }
    }

    @BeforeEach
    void setUp() {
        PGSimpleDataSource second = new PGSimpleDataSource();
        second.setURL(url);
        second.setUser(user);
        second.setPassword(password.orElse(""));
        second.setCurrentSchema(schema);
        replicaA = new Replica(new Jdbc(dataSource, Jdbc.DEFAULT_MAX_ATTEMPTS),
                new AssignmentStore(new AgentSelector()));
        replicaB = new Replica(new Jdbc(second, Jdbc.DEFAULT_MAX_ATTEMPTS), new AssignmentStore(new AgentSelector()));
        prefix = "conc-" + UUID.randomUUID() + "-";
        String skill = "skill-" + UUID.randomUUID();
        skills = Set.of(skill);
        for (int i = 0; i < CAPACITIES.length; i++) {
            var presence = AgentPresenceEvent.of(prefix + i, AgentStatus.ONLINE, CAPACITIES[i], List.of(skill));
            replicaA.jdbc().inTransaction(c -> replicaA.store().applyPresence(c, presence, Instant.now()));
        }
    }

    @Test
    void manyConcurrentHandoffsFillExactlyTheAvailableSlots() throws Exception {
        int conversations = 120;
        AtomicInteger assigned = new AtomicInteger();
        runConcurrently(16, conversations, i -> {
            Replica replica = i % 2 == 0 ? replicaA : replicaB;
            if (replica.assign(prefix + "conv-" + i, skills).isPresent()) {
                assigned.incrementAndGet();
            }
        });

        assertThat(assigned.get()).isEqualTo(TOTAL_SLOTS);
        Map<String, Db.Load> loads = Db.loads(replicaA.jdbc(), prefix);
        assertThat(loads).hasSize(CAPACITIES.length);
        loads.forEach((agent, load) -> {
            assertThat(load.assignments()).as("assignments of %s", agent).isEqualTo(load.capacity());
            assertThat(load.active()).as("load counter of %s", agent).isEqualTo(load.assignments());
        });
    }

    @Test
    void capacityHoldsWhileTwoReplicasAssignAndReleaseConcurrently() throws Exception {
        ConcurrentLinkedQueue<String> held = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checks = new AtomicInteger();
        Thread monitor = new Thread(() -> {
            while (running.get()) {
                Db.loads(replicaA.jdbc(), prefix).forEach((agent, load) -> {
                    if (load.assignments() > load.capacity() || load.active() > load.capacity()) {
                        violations.add(agent + " " + load);
                    }
                });
                checks.incrementAndGet();
            }
        }, "capacity-monitor");
        monitor.start();

        AtomicInteger assignments = new AtomicInteger();
        try {
            runConcurrently(12, 360, i -> {
                Replica replica = i % 2 == 0 ? replicaA : replicaB;
                String conversation = prefix + "churn-" + i;
                if (replica.assign(conversation, skills).isPresent()) {
                    assignments.incrementAndGet();
                    held.add(conversation);
                }
                if (ThreadLocalRandom.current().nextInt(3) == 0) {
                    String done = held.poll();
                    if (done != null) {
                        (i % 3 == 0 ? replicaB : replicaA).release(done);
                    }
                }
            });
        } finally {
            running.set(false);
            monitor.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(checks.get()).isPositive();
        assertThat(violations).isEmpty();
        assertThat(assignments.get()).isGreaterThan(TOTAL_SLOTS);
        Map<String, Db.Load> loads = Db.loads(replicaA.jdbc(), prefix);
        int totalAssigned = 0;
        for (var entry : loads.entrySet()) {
            assertThat(entry.getValue().assignments()).as("assignments of %s", entry.getKey())
                    .isLessThanOrEqualTo(entry.getValue().capacity());
            assertThat(entry.getValue().active()).as("load counter of %s", entry.getKey())
                    .isEqualTo(entry.getValue().assignments());
            totalAssigned += entry.getValue().assignments();
        }
        assertThat(totalAssigned).isEqualTo(held.size());
    }

    @FunctionalInterface
    private interface Task {
        void run(int index) throws Exception;
    }

    private static void runConcurrently(int threads, int tasks, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
