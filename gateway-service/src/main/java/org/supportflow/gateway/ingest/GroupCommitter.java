package org.supportflow.gateway.ingest;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: requests handed in concurrently are applied together, in one database transaction, by one
 * committer thread. A group is what arrived while the previous group's commit was in flight, plus what arrives
 * within {@code linger} of its first request, up to {@code maxSize}. Each caller gets its answer only once the
 * transaction that holds its request is committed (or its own failure), so an answer never promises something
 * a crash could still undo.
 *
 * <p>The work reports a failure per request (the others of the group still commit); when the group as a whole
 * fails (a deadlock with another replica, a broken connection), nothing was committed and every request of it
 * is tried again alone, so each gets its own verdict.
 *
 * @param <R> a request
 * @param <T> its result
 */
public final class GroupCommitter<R, T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    /** The work of one group in one transaction, returning one outcome per request, in the group's order. */
    @FunctionalInterface
    public interface Work<R, T> {
        /** Throws only when nothing of the group was committed. */
        List<Outcome<T>> apply(List<R> group) throws Exception;
    }

    /** A request's result, or its own failure. */
    public record Outcome<T>(T value, RuntimeException failure) {

        public static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        public static <T> Outcome<T> failed(RuntimeException failure) {
            return new Outcome<>(null, Objects.requireNonNull(failure));
        }
    }

    private record Pending<R, T>(R request, CompletableFuture<T> result) {
    }

    private final BlockingQueue<Pending<R, T>> queue = new LinkedBlockingQueue<>();
    private final Work<R, T> work;
    private final long lingerNanos;
    private final int maxSize;
    private final Duration answerTimeout;
    private final Thread committer;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    public GroupCommitter(String name, Work<R, T> work, Duration linger, int maxSize, Duration answerTimeout) {
        if (maxSize < 1 || linger.isNegative()) {
            throw new IllegalArgumentException("need maxSize >= 1 and linger >= 0");
        }
        this.work = Objects.requireNonNull(work);
        this.lingerNanos = linger.toNanos();
        this.maxSize = maxSize;
        this.answerTimeout = answerTimeout;
        this.committer = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        this.committer.start();
    }

    /** Queues a request; the future completes once its group is committed (or with its own failure). */
    public CompletableFuture<T> submit(R request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("shutting down"));
            return result;
        }
        queue.add(new Pending<>(request, result));
        if (closed && queue.remove(new Pending<>(request, result))) {
            result.completeExceptionally(new IllegalStateException("shutting down"));
        }
        return result;
    }

    /** {@link #submit} and wait for the answer (blocking: call on a worker thread). */
    public T apply(R request) {
        CompletableFuture<T> result = submit(request);
        try {
            return result.get(answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no commit within " + answerTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    /** Transactions attempted so far (each group, and each request retried alone). */
    public long transactions() {
        return transactions.get();
    }

    /** Requests waiting for a group. */
    public int pending() {
        return queue.size();
    }

    /** Requests applied so far. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed = true;
        committer.interrupt();
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<R, T> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    private void run() {
        List<Pending<R, T>> group = new ArrayList<>(maxSize);
        while (!closed) {
            try {
                Pending<R, T> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxSize - group.size());
                long deadline = System.nanoTime() + lingerNanos;
                while (group.size() < maxSize && lingerNanos > 0) {
                    long left = deadline - System.nanoTime();
                    Pending<R, T> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    queue.drainTo(group, maxSize - group.size());
                }
            } catch (InterruptedException e) {
                // closing: finish what was taken, the rest is failed by close()
            }
            if (!group.isEmpty()) {
                commit(group);
                group.clear();
            }
        }
    }

    private void commit(List<Pending<R, T>> group) {
        List<Outcome<T>> outcomes;
        try {
            transactions.incrementAndGet();
            outcomes = work.apply(group.stream().map(Pending::request).toList());
            if (outcomes.size() != group.size()) {
                throw new IllegalStateException("the work answered " + outcomes.size() + " of " + group.size());
            }
        } catch (Throwable failure) {
            if (group.size() == 1) {
                group.getFirst().result().completeExceptionally(failure instanceof RuntimeException
                        ? failure : new IllegalStateException(failure));
                return;
            }
            LOG.warnf("a group of %d requests failed as a whole (%s); applying them one by one", group.size(),
                    failure.toString());
            for (Pending<R, T> pending : group) {
                commit(List.of(pending));
            }
            return;
        }
        requests.addAndGet(group.size());
        for (int i = 0; i < group.size(); i++) {
            Outcome<T> outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                group.get(i).result().completeExceptionally(outcome.failure());
            } else {
                group.get(i).result().complete(outcome.value());
            }
        }
    }
}
