package org.supportflow.gateway.waiting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyWaitersTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ReplyWaiters waiters = new ReplyWaiters(Duration.ofSeconds(30), 3, nanos::get);

    @Test
    void theReplyCompletesEveryWaiterOfThatMessageOnly() {
        CompletableFuture<ReplyView> first = waiters.register("c1", "m1");
        CompletableFuture<ReplyView> retry = waiters.register("c1", "m1");
        CompletableFuture<ReplyView> other = waiters.register("c1", "m2");

        ReplyView reply = new ReplyView("hello", List.of("a"));
        assertThat(waiters.complete("c1", "m1", reply)).isEqualTo(2);

        assertThat(first).isCompletedWithValue(reply);
        assertThat(retry).isCompletedWithValue(reply);
        assertThat(other).isNotDone();
        assertThat(waiters.size()).isEqualTo(1);
    }

    @Test
    void theSameMessageIdInAnotherConversationIsAnotherWait() {
        CompletableFuture<ReplyView> waiting = waiters.register("c1", "m1");
        assertThat(waiters.complete("c2", "m1", new ReplyView("x", null))).isZero();
        assertThat(waiting).isNotDone();
    }

    @Test
    void cancellingForgetsTheWaiter() {
        CompletableFuture<ReplyView> waiting = waiters.register("c1", "m1");
        waiters.cancel("c1", "m1", waiting);
        assertThat(waiters.size()).isZero();
        assertThat(waiters.complete("c1", "m1", new ReplyView("late", List.of()))).isZero();
        assertThat(waiting).isCancelled();
    }

    @Test
    void repliesWithoutAMessageAreIgnored() {
        assertThat(waiters.complete("c1", null, new ReplyView("x", List.of()))).isZero();
    }

    @Test
    void aRequestRegisteringAfterItsReplyWentPastGetsItAtOnce() {
        ReplyView reply = new ReplyView("배송비는 3,000원입니다", List.of("배송 조회"));
        assertThat(waiters.complete("c1", "m1", reply)).isZero();

        CompletableFuture<ReplyView> retry = waiters.register("c1", "m1");

        assertThat(retry).isCompletedWithValue(reply);
        assertThat(waiters.register("c1", "m2")).isNotDone();
    }

    @Test
    void theFirstReplyToAMessageIsTheOneRemembered() {
        waiters.complete("c1", "m1", new ReplyView("first", List.of()));
        waiters.complete("c1", "m1", new ReplyView("second", List.of()));

        assertThat(waiters.register("c1", "m1").join().text()).isEqualTo("first");
    }

    @Test
    void rememberedRepliesExpire() {
        waiters.complete("c1", "m1", new ReplyView("hello", List.of()));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());

        assertThat(waiters.register("c1", "m1")).isNotDone();
    }

    @Test
    void theMemoryKeepsOnlyTheNewestReplies() {
        for (int i = 1; i <= 4; i++) {
            waiters.complete("c1", "m" + i, new ReplyView("reply " + i, List.of()));
        }

        assertThat(waiters.register("c1", "m1")).as("evicted: the memory holds 3").isNotDone();
        assertThat(waiters.register("c1", "m2").join().text()).isEqualTo("reply 2");
        assertThat(waiters.register("c1", "m4").join().text()).isEqualTo("reply 4");
    }

    @Test
    void aMemoryOfZeroRemembersNothing() {
        ReplyWaiters forgetful = new ReplyWaiters(Duration.ofSeconds(30), 0);
        forgetful.complete("c1", "m1", new ReplyView("hello", List.of()));

        assertThat(forgetful.register("c1", "m1")).isNotDone();
    }
}
