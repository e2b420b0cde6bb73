package org.supportflow.gateway.waiting;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyWaitersTest {

    private final ReplyWaiters waiters = new ReplyWaiters();

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
}
