package org.supportflow.benchmarks.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.supportflow.contracts.signing.ChannelSignature;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Posts signed customer messages to a running platform at a fixed rate and measures, per message, the time from
 * its scheduled send to the platform's reply (the bot's answer, or the handoff notice for a message routed to a
 * human).
 *
 * <p>Open loop: messages go out on schedule whatever the latency, and latency counts from the scheduled
 * time, so a slow platform (or a driver that falls behind) shows up as latency instead of a politely lowered
 * rate. A reply that came with the {@code waitMs} response is timed on arrival; one that came later is found
 * on the polling endpoint and timed by its {@code sentAt}. An accepted message with no reply at all is
 * looked for in ticket transcripts (bot silence while a human owns the conversation) before it counts as
 * lost. The run is bounded: sending stops after {@code --seconds} (plus a little slack if the driver lags),
 * responses are awaited at most {@code waitMs} + 15 s, late replies and tickets {@code --settle-seconds}.
 *
 * <p>Cheap on purpose, since it shares the platform's cores: the conversations are planned and every request
 * signed before the clock starts; sending runs on one Vert.x event loop (timers at the schedule, a bounded pool
 * of keep-alive HTTP/1.1 connections, no thread per request and no selector lock contended by thousands of
 * open connections, as the JDK HttpClient had). It reports how late it sent (send lag) and its own CPU.
 */
public final class LoadDriver {

    private static final int OPEN = 0;
    private static final int DONE = 1;
    /** Requests open at once while looking for late replies and tickets, after the measured phase. */
    private static final int SETTLE_PARALLELISM = 16;
    /** Requests through the send path, against the driver's own server, before the clock starts. */
    private static final int WARM_UP_REQUESTS = 5_000;
    private static final CharSequence TIMESTAMP = HttpHeaders.createOptimized(ChannelSignature.TIMESTAMP_HEADER);
    private static final CharSequence SIGNATURE = HttpHeaders.createOptimized(ChannelSignature.SIGNATURE_HEADER);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    /** An accepted message without a reply in its response. */
    private record Pending(String messageId, String conversationId, long scheduledEpochMicros) {
    }

    private final LoadOptions options;
    private final Vertx vertx;
    private final io.vertx.core.http.HttpClient http;
    private final HttpClient settleClient;
    private final ConversationPlan plan;
    private final MessageFactory messages;
    private final Schedule schedule;
    private final RequestOptions post;
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
    private final CountDownLatch sendingDone = new CountDownLatch(1);
    private MessageFactory.Signed[] signed;
    private long startNanos;
    private long startEpochMicros;
    private long sendDeadline;
    /** Next message to send; touched only on the event loop. */
    private int next;
    private volatile int maxInFlight;

    private LoadDriver(LoadOptions options, Vertx vertx, HttpClient settleClient) {
        this.options = options;
        this.vertx = vertx;
        this.settleClient = settleClient;
        URI gateway = URI.create(options.gateway());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDefaultHost(gateway.getHost())
                        .setDefaultPort(gateway.getPort() > 0 ? gateway.getPort() : 80),
                new PoolOptions().setHttp1MaxSize(options.connections()).setMaxWaitQueueSize(-1));
        this.post = new RequestOptions().setMethod(HttpMethod.POST)
                .setURI("/api/v1/channels/" + options.channel() + "/messages"
                        + (options.waitMs() > 0 ? "?waitMs=" + options.waitMs() : ""));
        Path texts = Path.of(options.texts());
        HeldOutTexts korean = HeldOutTexts.read(texts.resolve("heldout-ko.tsv"));
        HeldOutTexts english = HeldOutTexts.read(texts.resolve("heldout-en.tsv"));
        long seed = options.seed() != 0 ? options.seed() : System.nanoTime();
        int total = Math.toIntExact(options.totalMessages());
        this.plan = ConversationPlan.of(total, new ConversationPlan.Shape(options.customers(),
                options.messagesPerCustomer(), options.thinkSeconds() * options.rate(), options.koreanShare(),
                options.handoffShare(), new int[]{korean.everyday().size(), english.everyday().size()},
                new int[]{korean.handoff().size(), english.handoff().size()}), seed);
        this.messages = new MessageFactory(plan, korean, english, Long.toString(System.currentTimeMillis(), 36),
                options.secret());
        this.schedule = new Schedule(options.rate(), total);
        this.latencies = new LatencyRecorder(total);
        this.sendLag = new LatencyRecorder(total);
        this.outcomes = new AtomicIntegerArray(total);
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
        // Sending: one event loop does all the I/O and the timers. Settling afterwards (a few requests a second
        // to the replies and tickets endpoints) uses the JDK client with two threads.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1)));
        ExecutorService executor =
                Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("load-settle-", 0).factory());
        HttpClient settleClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        try {
            new LoadDriver(options.get(), vertx, settleClient).run();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("load.sh: " + e.getMessage());
            System.exit(1);
        } finally {
            settleClient.shutdownNow();
            executor.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void run() throws Exception {
        int total = plan.size();
        warmUp();
        long signStart = System.nanoTime();
        signAll();
        double signMs = (System.nanoTime() - signStart) / 1e6;
        warmUpSendPath();
        double loadBefore = loadAverage();
        PlanSummary shape = PlanSummary.of(plan);
        System.out.printf("posting %d messages at %d/s for %d s to %s: %d customers (of %d), %.2f messages per "
                        + "customer, %.1f%% Korean, %d asking for a person (%.2f%%); signed in %.0f ms; waitMs=%d, "
                        + "at most %d connections%n",
                total, options.rate(), options.seconds(), options.gateway(), shape.customers(), options.customers(),
                shape.messagesPerCustomer(), shape.koreanShare() * 100, shape.handoffs(),
                shape.handoffShare() * 100, signMs, options.waitMs(), options.connections());
        double cpuBefore = processCpuSeconds();
        startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        startEpochMicros = epochMicros(Instant.now()) + 20_000;
        sendDeadline = startNanos + TimeUnit.SECONDS.toNanos(options.seconds() + 5L);
        vertx.runOnContext(ignored -> sendDue());
        sendingDone.await();
        long sent = next;
        long unsent = total - sent;
        long sendEnd = System.nanoTime();
        awaitResponses(sent,
                sendEnd + TimeUnit.MILLISECONDS.toNanos(options.waitMs()) + TimeUnit.SECONDS.toNanos(15));
        double sendCpu = processCpuSeconds() - cpuBefore;
        double sendWindow = (System.nanoTime() - startNanos) / 1e9;
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long lost = settle();
        report(sent, unsent, sendEnd, lost, loadBefore, sendCpu, sendWindow);
    }

    /**
     * Signs every message up front, each with its scheduled send time as timestamp (the run starts right after):
     * the send path then only writes bytes.
     */
    private void signAll() {
        long firstSecond = Instant.now().getEpochSecond();
        signed = new MessageFactory.Signed[plan.size()];
        for (int slot = 0; slot < signed.length; slot++) {
            signed[slot] = messages.sign(slot, firstSecond + schedule.dueNanos(slot) / 1_000_000_000L);
        }
    }

    /**
     * Opens connections and runs the driver's request path through the JIT before the clock starts, so that its
     * first-use cost does not show up as the platform's latency; checks the gateway is up.
     */
    private void warmUp() throws Exception {
        RequestOptions health = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/health/ready");
        for (int i = 0; i < 20; i++) {
            int status;
            try {
                status = http.request(health).compose(request -> request.send()
                                .compose(response -> response.body().map(body -> response.statusCode())))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("gateway unreachable at " + options.gateway() + ": " + e.getMessage());
            }
            if (status != 200) {
                throw new IllegalStateException("gateway not ready: HTTP " + status);
            }
        }
    }

    /**
     * On the event loop: sends every message due by now, then sets a timer for the next one. Stops at the end of
     * the run, or once more than five seconds behind schedule (stop on time rather than run on).
     */
    private void sendDue() {
        long now = System.nanoTime();
        long due = schedule.dueBy(now - startNanos);
        while (next < due) {
            long scheduled = startNanos + schedule.dueNanos(next);
            now = System.nanoTime();
            if (now > sendDeadline) {
                break;
            }
            sendLag.record((now - scheduled) / 1_000);
            if (inFlight.get() >= options.maxOpen()) {
                outcomes.set(next, DONE);
                error("skipped: --max-open requests open");
            } else {
                send(next, scheduled);
            }
            next++;
        }
        if (next >= plan.size() || System.nanoTime() > sendDeadline) {
            sendingDone.countDown();
            return;
        }
        long waitNanos = startNanos + schedule.dueNanos(next) - System.nanoTime();
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)), ignored -> sendDue());
    }

    private void send(int sequence, long scheduledNanos) {
        MessageFactory.Signed message = signed[sequence];
        signed[sequence] = null; // sent: let the collector have it
        int open = inFlight.incrementAndGet();
        if (open > maxInFlight) {
            maxInFlight = open;
        }
        post(http, post, message).onComplete(result -> {
            inFlight.decrementAndGet();
            if (outcomes.compareAndSet(sequence, OPEN, DONE)) {
                onResponse(message.messageId(), scheduledNanos, result.result(), result.cause());
            }
        });
    }

    private static Future<Response> post(io.vertx.core.http.HttpClient client, RequestOptions target,
                                         MessageFactory.Signed message) {
        return client.request(target)
                .compose(request -> request
                        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .putHeader(TIMESTAMP, message.timestamp())
                        .putHeader(SIGNATURE, message.signature())
                        .send(Buffer.buffer(message.body()))
                        .compose(response -> response.body().map(body -> new Response(response.statusCode(), body))));
    }

    /**
     * Runs the send path through the JIT before the clock starts, against a server of the driver's own that answers
     * at once (the platform sees none of it): otherwise compiling it costs the first seconds of a run, on the cores
     * the platform needs, and shows up as send lag.
     */
    private void warmUpSendPath() throws Exception {
        HttpServer echo = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body ->
                request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end("{\"conversationId\":\"warm-up\"}")));
        int port = echo.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(64));
        RequestOptions target = new RequestOptions(post).setPort(port).setHost("127.0.0.1");
        try {
            int rounds = signed.length == 0 ? 0 : WARM_UP_REQUESTS / 100;
            for (int round = 0; round < rounds; round++) {
                List<Future<Response>> burst = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    burst.add(post(client, target, signed[(round * 100 + i) % signed.length])
                            .onSuccess(response -> ReplyFinder.readTree(response.body().getBytes())));
                }
                Future.join(burst).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            echo.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private record Response(int statusCode, Buffer body) {
    }

    private void onResponse(String messageId, long scheduledNanos, Response response, Throwable failure) {
        long now = System.nanoTime();
        if (failure != null) {
            error(failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
            return;
        }
        switch (response.statusCode()) {
            case 200 -> {
                latencies.record((now - scheduledNanos) / 1_000);
                repliedInResponse.increment();
                lastReplyNanos.accumulateAndGet(now, Math::max);
            }
            case 202 -> {
                String conversationId = ReplyFinder.readTree(response.body().getBytes())
                        .path("conversationId").asText("");
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
        ReplyFinder replies = new ReplyFinder(settleClient, options);
        TicketLookup tickets = new TicketLookup(settleClient, options);
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

    private void report(long sent, long unsent, long sendEnd, long lost, double loadBefore, double sendCpuSeconds,
                        double sendWindowSeconds) {
        LatencyRecorder.Summary latency = latencies.summary();
        LatencyRecorder.Summary lag = sendLag.summary();
        long accepted = sent - errors.sum();
        // Messages handled (replied to or taken by a human) per second, until the last reply: a platform that
        // queues stretches the window and so shows a lower rate than the one offered.
        double window = (Math.max(lastReplyNanos.get(), sendEnd) - startNanos) / 1e9;
        double achieved = (accepted - lost) / window;
        System.out.printf("sent=%d unsent=%d accepted=%d replied_in_response=%d replied_later=%d (latency from "
                        + "the replies endpoint's sentAt) ticketed=%d (bot silence) max_ms=%.1f max_in_flight=%d "
                        + "loadavg=%.2f->%.2f%s%n",
                sent, unsent, accepted, repliedInResponse.sum(), repliedLater.sum(), ticketed.sum(), latency.max(),
                maxInFlight, loadBefore, loadAverage(),
                errorKinds.isEmpty() ? "" : " errors_by_kind=" + new TreeMap<>(errorKinds));
        // The driver's CPU while sending and awaiting responses (JIT, GC and the event loop included), without
        // the JVM's start, the signing and the settling; per message, and in cores over that window.
        System.out.printf("send_lag_p50_ms=%.1f send_lag_p90_ms=%.1f send_lag_p99_ms=%.1f send_lag_max_ms=%.1f "
                        + "driver_cpu_ms=%.0f driver_cpu_ms_per_msg=%.3f driver_cores=%.2f driver_total_cpu_s=%.1f%n",
                lag.p50(), lag.p90(), lag.p99(), lag.max(), sendCpuSeconds * 1e3,
                sent == 0 ? Double.NaN : sendCpuSeconds * 1e3 / sent, sendCpuSeconds / sendWindowSeconds,
                processCpuSeconds());
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
