package org.supportflow.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Posts signed customer messages to a running platform at a fixed rate from many simulated customers and
 * measures, per message, the time from its scheduled send to the platform's reply (the bot's answer, or the
 * handoff notice for a message routed to a human).
 *
 * <p>Open loop: messages go out on schedule whatever the latency, and latency counts from the scheduled
 * time, so a slow platform (or a driver that falls behind) shows up as latency instead of a politely lowered
 * rate. A reply that came with the {@code waitMs} response is timed on arrival; one that came later is found
 * on the polling endpoint and timed by its {@code sentAt}. An accepted message with no reply at all is
 * looked for in ticket transcripts (bot silence while a human owns the conversation) before it counts as
 * lost. The run is bounded: sending stops after {@code --seconds} (plus a little slack if the driver lags),
 * responses are awaited at most {@code waitMs} + 15 s, late replies and tickets {@code --settle-seconds}.
 */
public final class LoadDriver {

    private static final int OPEN = 0;
    private static final int DONE = 1;
    /** Requests open at once while looking for late replies and tickets, after the measured phase. */
    private static final int SETTLE_PARALLELISM = 16;

    /** An accepted message without a reply in its response. */
    private record Pending(String messageId, String conversationId, long scheduledEpochMicros) {
    }

    private final LoadOptions options;
    private final HttpClient client;
    private final MessageFactory messages;
    /** Scheduled send to reply. */
    private final LatencyRecorder latencies;
    /** Scheduled send to actual send: the driver's own lateness (it shares the cores with the platform). */
    private final LatencyRecorder sendLag;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Per message: whether its outcome is counted yet, so a response arriving after the deadline is not. */
    private final AtomicIntegerArray outcomes;
    private final LongAdder repliedInResponse = new LongAdder();
    private final LongAdder repliedLater = new LongAdder();
    private final LongAdder ticketed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong lastReplyNanos = new AtomicLong();
    private long startNanos;
    private long startEpochMicros;
    private int maxInFlight;

    private LoadDriver(LoadOptions options, HttpClient client) {
        this.options = options;
        this.client = client;
        this.messages = new MessageFactory(options, Long.toString(System.currentTimeMillis(), 36));
        this.latencies = new LatencyRecorder(options.totalMessages());
        this.sendLag = new LatencyRecorder(options.totalMessages());
        this.outcomes = new AtomicIntegerArray(Math.toIntExact(options.totalMessages()));
    }

    public static void main(String[] args) throws Exception {
        Optional<LoadOptions> options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load.sh: " + e.getMessage());
            System.err.print(LoadOptions.usage());
            System.exit(2);
            return;
        }
        if (options.isEmpty()) {
            System.out.print(LoadOptions.usage());
            return;
        }
        // One client; two threads finish the responses (the default executor would grow a thread per burst
        // on cores the platform needs); the client's selector thread does the I/O. HTTP/1.1 as channels use
        // it (h2c multiplexes, but the server's stream limit then caps requests held open by waitMs). No
        // connect timeout: on a starved machine it fires on connections the selector has not yet seen
        // complete; the run's own deadline bounds every request instead.
        ExecutorService executor =
                Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("load-http-", 0).factory());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        try {
            new LoadDriver(options.get(), client).run();
        } catch (IllegalStateException e) {
            System.err.println("load.sh: " + e.getMessage());
            System.exit(1);
        } finally {
            client.shutdownNow();
            executor.shutdownNow();
        }
    }

    private void run() throws InterruptedException {
        long total = options.totalMessages();
        warmUp();
        double loadBefore = loadAverage();
        System.out.printf("posting %d messages at %d/s for %d s to %s from %d customers (%.0f%% Korean), waitMs=%d%n",
                total, options.rate(), options.seconds(), options.gateway(), options.customers(),
                options.koreanShare() * 100, options.waitMs());
        startNanos = System.nanoTime();
        startEpochMicros = epochMicros(Instant.now());
        long sendDeadline = startNanos + TimeUnit.SECONDS.toNanos(options.seconds() + 5L);
        long sequence = 0;
        for (; sequence < total; sequence++) {
            long scheduled = startNanos + Math.round(sequence * 1e9 / options.rate());
            long now;
            while ((now = System.nanoTime()) < scheduled) {
                LockSupport.parkNanos(scheduled - now);
            }
            if (now > sendDeadline) {
                break; // too far behind schedule: stop on time rather than run on
            }
            sendLag.record((now - scheduled) / 1_000);
            if (inFlight.get() >= options.maxOpen()) {
                outcomes.set((int) sequence, DONE);
                error("skipped: --max-open requests open");
            } else {
                send(sequence, scheduled);
            }
        }
        long unsent = total - sequence;
        long sendEnd = System.nanoTime();
        awaitResponses(sequence,
                sendEnd + TimeUnit.MILLISECONDS.toNanos(options.waitMs()) + TimeUnit.SECONDS.toNanos(15));
        long lost = settle();
        report(sequence, unsent, sendEnd, lost, loadBefore);
    }

    /**
     * Loads and compiles the driver's own request path (client, JSON, signing) before the clock starts, so
     * that its first-use cost does not show up as the platform's latency; checks the gateway is up.
     */
    private void warmUp() throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(options.gateway() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 20; i++) {
            messages.next(-1);
            try {
                HttpResponse<byte[]> response = client.send(health, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("gateway not ready: HTTP " + response.statusCode());
                }
            } catch (IOException e) {
                throw new IllegalStateException("gateway unreachable at " + options.gateway(), e);
            }
        }
    }

    private void send(long sequence, long scheduledNanos) {
        MessageFactory.Message message = messages.next(sequence);
        maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
        client.sendAsync(message.request(), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> {
                    inFlight.decrementAndGet();
                    if (outcomes.compareAndSet((int) sequence, OPEN, DONE)) {
                        onResponse(message.messageId(), scheduledNanos, response, failure);
                    }
                });
    }

    private void onResponse(String messageId, long scheduledNanos, HttpResponse<byte[]> response, Throwable failure) {
        long now = System.nanoTime();
        if (failure != null) {
            Throwable cause = cause(failure);
            error(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            return;
        }
        switch (response.statusCode()) {
            case 200 -> {
                latencies.record((now - scheduledNanos) / 1_000);
                repliedInResponse.increment();
                lastReplyNanos.accumulateAndGet(now, Math::max);
            }
            case 202 -> {
                String conversationId = ReplyFinder.readTree(response.body()).path("conversationId").asText("");
                if (conversationId.isEmpty()) {
                    error("202 without conversationId");
                } else {
                    pending.add(new Pending(messageId, conversationId, toEpochMicros(scheduledNanos)));
                }
            }
            default -> error("HTTP " + response.statusCode());
        }
    }

    /** Waits for the responses; a request still open at the deadline is an error, whatever comes after. */
    private void awaitResponses(long sent, long deadlineNanos) throws InterruptedException {
        while (inFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(50);
        }
        for (int sequence = 0; sequence < sent; sequence++) {
            if (outcomes.compareAndSet(sequence, OPEN, DONE)) {
                error("no response in time");
            }
        }
    }

    /**
     * Looks for the replies of the messages answered 202, then, for those still without one once replies stop
     * coming (or at the deadline), for their place in a ticket transcript. Returns how many are lost.
     */
    private long settle() throws InterruptedException {
        Map<String, Map<String, Pending>> byConversation = new ConcurrentHashMap<>();
        for (Pending message : pending) {
            byConversation.computeIfAbsent(message.conversationId(), id -> new ConcurrentHashMap<>())
                    .put(message.messageId(), message);
        }
        ReplyFinder replies = new ReplyFinder(client, options);
        TicketLookup tickets = new TicketLookup(client, options);
        boolean ticketsReadable = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.settleSeconds());
        while (!byConversation.isEmpty()) {
            long foundBefore = repliedLater.sum();
            forEachBounded(byConversation.keySet(), conversationId -> replies.newReplies(conversationId)
                    .thenAccept(found -> {
                        Map<String, Pending> waiting = byConversation.getOrDefault(conversationId, Map.of());
                        for (ReplyFinder.Reply reply : found) {
                            Pending message = waiting.remove(reply.inReplyTo());
                            if (message != null) {
                                long sentAt = epochMicros(reply.sentAt());
                                latencies.record(sentAt - message.scheduledEpochMicros());
                                repliedLater.increment();
                                lastReplyNanos.accumulateAndGet(toNanos(sentAt), Math::max);
                            }
                        }
                    }), "replies");
            byConversation.values().removeIf(Map::isEmpty);
            boolean last = System.nanoTime() >= deadline;
            if (!byConversation.isEmpty() && ticketsReadable && (last || repliedLater.sum() == foundBefore)) {
                ticketsReadable = removeTicketed(byConversation, tickets);
                byConversation.values().removeIf(Map::isEmpty);
            }
            if (last) {
                break;
            }
            Thread.sleep(1_000);
        }
        return byConversation.values().stream().mapToLong(Map::size).sum();
    }

    private boolean removeTicketed(Map<String, Map<String, Pending>> byConversation, TicketLookup tickets)
            throws InterruptedException {
        try {
            tickets.login();
        } catch (Exception e) {
            System.err.println("ticket-service cannot be read (" + e.getMessage() + "): messages without a reply "
                    + "count as lost even if a human owns their conversation");
            return false;
        }
        forEachBounded(byConversation.keySet(), conversationId -> tickets.transcriptMessageIds(conversationId)
                .thenAccept(ids -> {
                    Map<String, Pending> waiting = byConversation.getOrDefault(conversationId, Map.of());
                    for (String id : ids) {
                        if (waiting.remove(id) != null) {
                            ticketed.increment();
                        }
                    }
                }), "tickets");
        return true;
    }

    /** Runs the requests with at most {@link #SETTLE_PARALLELISM} open; waits for all of them. */
    private void forEachBounded(Collection<String> conversationIds,
                                Function<String, CompletableFuture<Void>> request, String what)
            throws InterruptedException {
        Semaphore permits = new Semaphore(SETTLE_PARALLELISM);
        AtomicInteger failures = new AtomicInteger();
        for (String conversationId : conversationIds) {
            permits.acquire();
            CompletableFuture<Void> call;
            try {
                call = request.apply(conversationId);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((done, failure) -> {
                if (failure != null && failures.getAndIncrement() == 0) {
                    System.err.println("looking for " + what + " failed: " + cause(failure).getMessage());
                }
                permits.release();
            });
        }
        permits.acquire(SETTLE_PARALLELISM);
        if (failures.get() > 1) {
            System.err.println("(" + failures.get() + " lookups for " + what + " failed)");
        }
    }

    private void report(long sent, long unsent, long sendEnd, long lost, double loadBefore) {
        LatencyRecorder.Summary latency = latencies.summary();
        LatencyRecorder.Summary lag = sendLag.summary();
        long accepted = sent - errors.sum();
        // Messages handled (replied to or taken by a human) per second, until the last reply: a platform that
        // queues stretches the window and so shows a lower rate than the one offered.
        double window = (Math.max(lastReplyNanos.get(), sendEnd) - startNanos) / 1e9;
        double achieved = (accepted - lost) / window;
        System.out.printf("sent=%d unsent=%d accepted=%d replied_in_response=%d replied_later=%d (latency from "
                        + "the replies endpoint's sentAt) ticketed=%d (bot silence) max_ms=%.1f send_lag_p50_ms=%.1f "
                        + "send_lag_p99_ms=%.1f send_lag_max_ms=%.1f max_in_flight=%d driver_cpu_s=%.1f "
                        + "loadavg=%.2f->%.2f%s%n",
                sent, unsent, accepted, repliedInResponse.sum(), repliedLater.sum(), ticketed.sum(), latency.max(),
                lag.p50(), lag.p99(), lag.max(), maxInFlight, processCpuSeconds(), loadBefore, loadAverage(),
                errorKinds.isEmpty() ? "" : " errors_by_kind=" + new TreeMap<>(errorKinds));
        System.out.printf("rate=%d achieved=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d lost=%d%n",
                options.rate(), achieved, latency.p50(), latency.p90(), latency.p99(), errors.sum() + unsent, lost);
    }

    private void error(String kind) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private long toEpochMicros(long nanos) {
        return startEpochMicros + (nanos - startNanos) / 1_000;
    }

    private long toNanos(long epochMicros) {
        return startNanos + (epochMicros - startEpochMicros) * 1_000;
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The driver's own CPU time (JIT and GC included): it competes with the platform for the same cores. */
    private static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
