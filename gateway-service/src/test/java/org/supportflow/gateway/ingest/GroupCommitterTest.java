package org.supportflow.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitterTest {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** A work whose first group waits until released, so that the requests behind it queue up. */
    private static final class GatedWork implements GroupCommitter.Work<Integer, Integer> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

        @Override
        public List<GroupCommitter.Outcome<Integer>> apply(List<Integer> group) throws Exception {
            groups.add(group);
            entered.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            if (group.size() > 1 && group.contains(-99)) {
                throw new IllegalStateException("the whole group failed");
            }
            List<GroupCommitter.Outcome<Integer>> outcomes = new ArrayList<>();
            for (int request : group) {
                outcomes.add(request < 0
                        ? GroupCommitter.Outcome.failed(new IllegalArgumentException("bad request " + request))
                        : GroupCommitter.Outcome.of(request * 10));
            }
            return outcomes;
        }
    }

    /** Submits the first request, waits until its group is in the work, then queues the rest behind it. */
    private static List<CompletableFuture<Integer>> queueBehindFirst(GroupCommitter<Integer, Integer> committer,
                                                                     GatedWork work, List<Integer> requests)
            throws InterruptedException {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        results.add(committer.submit(requests.getFirst()));
        assertThat(work.entered.await(30, TimeUnit.SECONDS)).isTrue();
        for (int request : requests.subList(1, requests.size())) {
            results.add(committer.submit(request));
        }
        await().until(() -> committer.pending() == requests.size() - 1);
        work.release.countDown();
        return results;
    }

    @Test
    void requestsArrivingDuringACommitShareTheNextTransactionAndEachGetsItsOwnAnswer() throws Exception {
        GatedWork work = new GatedWork();
        try (var committer = new GroupCommitter<>("test-commit", work, Duration.ZERO, 64, ANSWER_TIMEOUT)) {
            List<CompletableFuture<Integer>> results = queueBehindFirst(committer, work, List.of(1, 2, 3, 4, 5, 6, 7, 8));

            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
            }
            assertThat(committer.transactions()).isEqualTo(2);
            assertThat(work.groups).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6, 7, 8));
        }
    }

    @Test
    void aGroupIsCappedAtItsMaximumSize() throws Exception {
        GatedWork work = new GatedWork();
        try (var committer = new GroupCommitter<>("test-commit", work, Duration.ZERO, 3, ANSWER_TIMEOUT)) {
            List<CompletableFuture<Integer>> results = queueBehindFirst(committer, work, List.of(1, 2, 3, 4, 5, 6, 7));

            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(work.groups).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6, 7));
        }
    }

    @Test
    void aRequestThatFailsGetsItsOwnErrorAndItsNeighboursCommit() throws Exception {
        GatedWork work = new GatedWork();
        try (var committer = new GroupCommitter<>("test-commit", work, Duration.ZERO, 64, ANSWER_TIMEOUT)) {
            List<CompletableFuture<Integer>> results = queueBehindFirst(committer, work, List.of(1, 2, -3, 4));

            assertThat(results.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(20);
            assertThat(results.get(3).get(30, TimeUnit.SECONDS)).isEqualTo(40);
            assertThatThrownBy(() -> results.get(2).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().hasMessage("bad request -3");
            assertThat(committer.transactions()).isEqualTo(2);
        }
    }

    @Test
    void aGroupThatFailsAsAWholeIsAppliedOneByOne() throws Exception {
        GatedWork work = new GatedWork();
        try (var committer = new GroupCommitter<>("test-commit", work, Duration.ZERO, 64, ANSWER_TIMEOUT)) {
            List<CompletableFuture<Integer>> results = queueBehindFirst(committer, work, List.of(1, 2, -99, 4));

            assertThat(results.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(20);
            assertThat(results.get(3).get(30, TimeUnit.SECONDS)).isEqualTo(40);
            assertThatThrownBy(() -> results.get(2).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().hasMessage("bad request -99");
            // the first alone, the failed group of three, then each of the three alone
            assertThat(work.groups).containsExactly(List.of(1), List.of(2, -99, 4), List.of(2), List.of(-99), List.of(4));
            assertThat(committer.transactions()).isEqualTo(5);
        }
    }

    @Test
    void applyThrowsTheRequestsOwnFailure() {
        GroupCommitter.Work<Integer, Integer> work = group -> group.stream()
                .map(r -> r < 0 ? GroupCommitter.Outcome.<Integer>failed(new IllegalArgumentException("negative"))
                        : GroupCommitter.Outcome.of(r + 1))
                .toList();
        try (var committer = new GroupCommitter<>("test-commit", work, Duration.ofMillis(1), 64, ANSWER_TIMEOUT)) {
            assertThat(committer.apply(41)).isEqualTo(42);
            assertThatThrownBy(() -> committer.apply(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("negative");
        }
    }
}
