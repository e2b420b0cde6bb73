package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults while customers write: steady traffic from a channel that retries with the same {@code messageId}
 * (as real channels do) while, one at a time, the JVM of one replica of every service and the Kafka broker's
 * own JVM are killed with SIGKILL and started again with {@code deploy/local/up.sh}. Afterwards every
 * accepted message must have been answered exactly once, as the customer sees it: a bot reply or its place
 * in a ticket transcript (none lost), at most one reply of each kind per message (none answered twice), one
 * transcript row per message, and nothing parked in a dead-letter topic. Runs last: it disturbs everything.
 *
 * <p>PostgreSQL goes down too when the platform owns it: with {@code SUPPORTFLOW_POSTGRES=embedded} (on a port of its
 * own: {@link LocalPlatform#TEST_SETTINGS}) nothing else on the machine uses that server, so it is killed with
 * SIGKILL like the others and started again by {@code up.sh}; the services reconnect by themselves (their pools
 * open new connections), and a request that needs the database meanwhile is answered 503 with the JSON error body
 * (checked: no other 5xx reaches the channel). On the machine's own server (SUPPORTFLOW_POSTGRES=machine, the
 * default) the Debian cluster serving the platform's port is stopped ({@code pg_ctlcluster 15 main stop}) for a
 * few seconds and always started again, when that is safe: no session of another database is open on it (a CI
 * machine runs this suite alone). Where other work shares the server, the run says so and leaves it alone;
 * {@code -De2e.faults.postgres-cluster=15/main} names the cluster and restarts it regardless, {@code =none} never.
 */
@Order(100)
class FaultsIT {

    /** Messages per second, spread over both gateway replicas as a load balancer would. */
    private static final int RATE = 6;
    private static final int CUSTOMERS = 40;
    private static final double HANDOFF_SHARE = 0.08;
    /** A channel's own deadline per request (KakaoTalk waits 5 s), then it retries. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** A channel stops retrying a message after this long (the message then counts as never accepted). */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    /** Traffic before the first fault and after each restart, so that every fault hits a busy pipeline. */
    private static final Duration QUIET = Duration.ofSeconds(8);
    private static final Duration DRAIN = Duration.ofSeconds(120);
    /**
     * The machine's PostgreSQL cluster to stop and start again: {@code auto} (the one serving the platform, when
     * nothing else uses it), {@code none}, or {@code <version>/<name>} as {@code pg_ctlcluster} names it.
     */
    private static final String MACHINE_POSTGRES_CLUSTER = System.getProperty("e2e.faults.postgres-cluster", "auto")
            .strip();
    private static final Duration MACHINE_POSTGRES_DOWN = Duration.ofSeconds(10);

    private static final String[] KOREAN = {"배송비가 얼마예요?", "주문한 상품 언제 와요?", "결제 수단 뭐 있어요?",
            "쿠폰 어떻게 써요?", "반품하고 싶어요", "환불은 언제 되나요?", "비밀번호를 잊어버렸어요"};
    private static final String[] ENGLISH = {"How much is shipping?", "Where is my order?",
            "Which payment methods do you accept?", "How do I use a coupon?", "I want to return an item",
            "When will I get my refund?", "I forgot my password"};
    private static final String KOREAN_HANDOFF = "상담원 연결해 주세요";
    private static final String ENGLISH_HANDOFF = "I want to talk to a person, please";

    /** One fault: a component as deploy/local names it, and the port its JVM listens on. */
    private record Fault(String component, int port) {
    }

    /** A message the gateway accepted (on the first try or a retry), and in which conversation. */
    private record Accepted(String messageId, String conversationId, int attempts) {
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ChannelClient channel = new ChannelClient("demo-web");
    private final List<ChannelClient> gateways = List.of(channel, channel.via(LocalPlatform.GATEWAY_2));
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> gaveUp = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    /** Answers other than 2xx, by status; and the ones a channel must never get (a 5xx but a JSON 503). */
    private final Map<Integer, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> badRefusals = new ConcurrentHashMap<>();

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    void everyMessageIsAnsweredExactlyOnceThroughKillsOfEveryServiceAndTheBroker() throws Exception {
        List<Fault> faults = List.of(
                new Fault("gateway-service", port(LocalPlatform.GATEWAY)),
                new Fault("nlu-service", port(LocalPlatform.NLU)),
                new Fault("routing-service", port(LocalPlatform.ROUTING)),
                new Fault("ticket-service", port(LocalPlatform.TICKETS)),
                new Fault("analytics-service", port(LocalPlatform.ANALYTICS)),
                new Fault("kafka", LocalPlatform.KAFKA_PORT));
        List<String> deadLetterTopics = Topics.allTopicNames().stream().filter(name -> name.endsWith(".dlq")).toList();
        Map<TopicPartition, Long> dlqMarks;
        Map<TopicPartition, Long> outboundMarks;
        try (TopicReader reader = new TopicReader()) {
            dlqMarks = reader.endOffsets(deadLetterTopics);
            outboundMarks = reader.endOffsets(List.of(Topics.CONVERSATION_OUTBOUND));
        }

        Instant started = Instant.now();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<String> faultLog = new ArrayList<>();
        try (ExecutorService channels = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread traffic = Thread.ofPlatform().name("fault-traffic").start(() -> sendSteadily(channels, sending));
            try {
                PlatformProcesses.sleep(QUIET);
                for (Fault fault : faults) {
                    faultLog.add(inject(fault));
                    PlatformProcesses.sleep(QUIET);
                }
                databaseFault().ifPresent(fault -> {
                    faultLog.add(fault.get());
                    PlatformProcesses.sleep(QUIET);
                });
            } finally {
                sending.set(false);
                traffic.join();
            }
            channels.shutdown();
            assertThat(channels.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS))
                    .as("the channel's retries end").isTrue();
        }
        Duration trafficTime = Duration.between(started, Instant.now());

        Verdict verdict = drainAndJudge();
        List<ConsumerRecord<String, String>> deadLetters;
        Map<String, String> kinds = new HashMap<>();
        try (TopicReader reader = new TopicReader()) {
            deadLetters = reader.readSince(dlqMarks);
            for (ConsumerRecord<String, String> record : reader.readSince(outboundMarks)) {
                JsonNode event = EventJson.mapper().readTree(record.value());
                kinds.put(event.path("messageId").asText(), event.path("kind").asText());
            }
        }
        Map<String, Map<String, List<String>>> answeredTwice = verdict.answeredTwice(kinds);

        System.out.printf("FaultsIT: messages=%d accepted=%d retries=%d never_accepted=%d faults=%d (%s) "
                        + "refused=%s traffic_s=%d lost=%d answered_twice=%d duplicate_transcript_rows=%d dlq_records=%d%n",
                sent.get(), accepted.size(), retries.get(), gaveUp.size(), faultLog.size(), String.join(", ", faultLog),
                new TreeMap<>(refusals), trafficTime.toSeconds(), verdict.lost().size(), answeredTwice.size(),
                verdict.duplicateTranscriptRows().size(), deadLetters.size());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(accepted).as("messages the gateway accepted").isNotEmpty();
        softly.assertThat(gaveUp).as("messages never accepted although the channel retried for %s", GIVE_UP_AFTER)
                .isEmpty();
        softly.assertThat(badRefusals).as("5xx answers other than a JSON 503 (messageId#attempt -> answer)")
                .isEmpty();
        softly.assertThat(verdict.lost()).as("lost: accepted, but neither a reply nor in a ticket transcript "
                + "(messageId -> conversationId)").isEmpty();
        softly.assertThat(answeredTwice).as("answered twice: messageId -> {kind of reply -> reply messageIds}")
                .isEmpty();
        softly.assertThat(verdict.duplicateTranscriptRows()).as("duplicate transcript rows: "
                + "conversationId -> rows sharing a messageId, or replies sharing (inReplyTo, kind)").isEmpty();
        softly.assertThat(deadLetters.stream().map(record -> record.topic() + " key=" + record.key()).toList())
                .as("records parked in dead-letter topics since the run started").isEmpty();
        softly.assertAll();
    }

    // ------------------------------------------------------------------------------------------------------
    // Traffic

    private void sendSteadily(ExecutorService channels, AtomicBoolean sending) {
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long next = System.nanoTime();
        for (long sequence = 0; sending.get(); sequence++) {
            long message = sequence;
            channels.submit(() -> deliver(message));
            next += period;
            long pause = next - System.nanoTime();
            if (pause > 0) {
                PlatformProcesses.sleep(Duration.ofNanos(pause));
            }
        }
    }

    /** One message as a retrying channel sends it: the same body (same messageId) until a 2xx answer. */
    private void deliver(long sequence) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int customer = random.nextInt(CUSTOMERS);
        boolean korean = customer % 2 == 0;
        String text = random.nextDouble() < HANDOFF_SHARE ? (korean ? KOREAN_HANDOFF : ENGLISH_HANDOFF)
                : (korean ? KOREAN : ENGLISH)[random.nextInt(KOREAN.length)];
        String messageId = "fault-" + run + "-" + sequence;
        Map<String, Object> body = channel.message(messageId, "fault-" + run + "-c" + customer,
                korean ? "ko-KR" : "en-US", "REGULAR", text);
        sent.incrementAndGet();
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        String last = "not sent";
        for (int attempt = 1; Instant.now().isBefore(giveUp); attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                PlatformProcesses.sleep(RETRY_PAUSE);
            }
            try {
                Http.Response response = gateways.get((int) ((sequence + attempt) % gateways.size()))
                        .post(body, null, REQUEST_TIMEOUT);
                if (response.status() / 100 == 2) {
                    accepted.put(messageId, new Accepted(messageId, response.json().get("conversationId").asText(),
                            attempt));
                    return;
                }
                last = response.toString();
                refusals.computeIfAbsent(response.status(), status -> new AtomicLong()).incrementAndGet();
                if (response.status() / 100 == 5 && !isUnavailableError(response)) {
                    badRefusals.put(messageId + "#" + attempt, last);
                }
            } catch (RuntimeException failure) { // refused, reset, timed out: a channel retries them all
                last = failure.toString();
            }
        }
        gaveUp.put(messageId, last);
    }

    /** A 503 with the platform's JSON error body ({@code error: unavailable}): what a retrying channel expects. */
    private static boolean isUnavailableError(Http.Response response) {
        if (response.status() != 503) {
            return false;
        }
        try {
            return "unavailable".equals(response.json().path("error").asText())
                    && !response.json().path("message").asText().isEmpty();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Faults

    /** Kills the JVM listening on the fault's port, then lets up.sh start what is missing. */
    private String inject(Fault fault) {
        Instant start = Instant.now();
        long pid = PlatformProcesses.killListener(fault.port());
        // The launcher of a killed broker exits a moment later; up.sh must not take it for a running Kafka.
        PlatformProcesses.awaitGone(fault.component(), Duration.ofSeconds(30));
        LocalPlatform.upAgain();
        String done = fault.component() + " pid " + pid + " back in " + Duration.between(start, Instant.now()).toSeconds()
                + "s";
        System.out.println("FaultsIT: killed " + done);
        return done;
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    /**
     * The PostgreSQL outage this run causes: embedded PostgreSQL (the platform's own) is killed like any other
     * server; the machine's server is restarted as {@link #MACHINE_POSTGRES_CLUSTER} says; else none (printed).
     */
    private Optional<Supplier<String>> databaseFault() {
        Map<String, String> database = PlatformDatabase.recorded();
        String source = database.getOrDefault("source", "");
        int port = URI.create(database.get("url").substring("jdbc:".length())).getPort();
        if (source.equals("embedded")) {
            return Optional.of(() -> inject(new Fault("postgres", port)));
        }
        Optional<String> cluster = source.equals("machine") ? machineClusterToRestart(port) : Optional.empty();
        if (cluster.isEmpty()) {
            System.out.println("FaultsIT: PostgreSQL is not restarted (database from " + source + ")");
        }
        return cluster.map(name -> () -> restartMachinePostgres(name));
    }

    /** The machine's cluster this run may restart (see {@link #MACHINE_POSTGRES_CLUSTER}), saying why not. */
    private static Optional<String> machineClusterToRestart(int port) {
        if (MACHINE_POSTGRES_CLUSTER.equals("none")) {
            return Optional.empty();
        }
        if (!MACHINE_POSTGRES_CLUSTER.equals("auto") && !MACHINE_POSTGRES_CLUSTER.isEmpty()) {
            return Optional.of(MACHINE_POSTGRES_CLUSTER);
        }
        Optional<String> cluster = PlatformProcesses.output(List.of("sh", "-c", "pg_lsclusters --no-header || true"))
                .lines().map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length >= 3 && columns[2].equals(String.valueOf(port)))
                .map(columns -> columns[0] + "/" + columns[1]).findFirst();
        if (cluster.isEmpty()) {
            System.out.println("FaultsIT: no pg_ctlcluster cluster serves port " + port);
            return Optional.empty();
        }
        Map<String, Integer> others = sessionsOfOtherDatabases();
        if (!others.isEmpty()) {
            System.out.println("FaultsIT: the machine's PostgreSQL is shared (sessions of other databases: " + others
                    + "): left running; -De2e.faults.postgres-cluster=" + cluster.get() + " restarts it anyway");
            return Optional.empty();
        }
        return cluster;
    }

    /** Open client sessions on the platform's server per database other than the platform's own. */
    private static Map<String, Integer> sessionsOfOtherDatabases() {
        Map<String, Integer> others = new TreeMap<>();
        try (Connection c = PlatformDatabase.connect();
             var rs = c.createStatement().executeQuery("""
                     SELECT datname, count(*) FROM pg_stat_activity
                      WHERE backend_type = 'client backend' AND datname IS NOT NULL AND datname <> current_database()
                      GROUP BY datname""")) {
            while (rs.next()) {
                others.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot see who else uses the platform's PostgreSQL", e);
        }
        return others;
    }

    /** Stops the machine's PostgreSQL cluster for a while under traffic, and always starts it again. */
    private static String restartMachinePostgres(String name) {
        String[] cluster = name.split("/");
        if (cluster.length != 2 || !cluster[0].matches("[0-9]+") || !cluster[1].matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("e2e.faults.postgres-cluster must be <version>/<name>, e.g. 15/main");
        }
        Instant start = Instant.now();
        PlatformProcesses.run(List.of("pg_ctlcluster", cluster[0], cluster[1], "stop", "-m", "fast"));
        try {
            PlatformProcesses.sleep(MACHINE_POSTGRES_DOWN);
        } finally {
            PlatformProcesses.run(List.of("pg_ctlcluster", cluster[0], cluster[1], "start"));
        }
        String done = "postgres cluster " + name + " stopped for "
                + MACHINE_POSTGRES_DOWN.toSeconds() + "s, back in " + Duration.between(start, Instant.now()).toSeconds()
                + "s";
        System.out.println("FaultsIT: " + done);
        return done;
    }

    // ------------------------------------------------------------------------------------------------------
    // Verdict

    /** One reply as the polling endpoint shows it. */
    private record Reply(String messageId, String inReplyTo, String from) {
    }

    /** A transcript entry of ticket-service. */
    private record Row(String messageId, String author, String kind, String inReplyTo) {
    }

    private record Verdict(Map<String, String> lost, Map<String, List<Reply>> repliesByMessage,
                           Map<String, List<String>> duplicateTranscriptRows) {

        /** Messages with two replies of the same kind (kind from conversation.outbound, else the sender). */
        Map<String, Map<String, List<String>>> answeredTwice(Map<String, String> kinds) {
            Map<String, Map<String, List<String>>> twice = new TreeMap<>();
            repliesByMessage.forEach((messageId, replies) -> {
                Map<String, List<String>> byKind = replies.stream().collect(Collectors.groupingBy(
                        reply -> kinds.getOrDefault(reply.messageId(), "from " + reply.from()), TreeMap::new,
                        Collectors.mapping(Reply::messageId, Collectors.toList())));
                byKind.values().removeIf(ids -> ids.size() < 2);
                if (!byKind.isEmpty()) {
                    twice.put(messageId, byKind);
                }
            });
            return twice;
        }
    }

    /**
     * Waits until every accepted message has a reply or a transcript row (or the drain time is over), then
     * reads once more, so that late duplicates are counted too.
     */
    private Verdict drainAndJudge() {
        Instant deadline = Instant.now().plus(DRAIN);
        Verdict verdict = judge();
        while (!verdict.lost().isEmpty() && Instant.now().isBefore(deadline)) {
            PlatformProcesses.sleep(Duration.ofSeconds(5));
            verdict = judge();
        }
        PlatformProcesses.sleep(Duration.ofSeconds(10));
        return judge();
    }

    private Verdict judge() {
        Map<String, List<String>> byConversation = new TreeMap<>();
        accepted.values().forEach(message -> byConversation
                .computeIfAbsent(message.conversationId(), id -> new ArrayList<>()).add(message.messageId()));
        String supervisor = Keycloak.token("supervisor1");
        Map<String, String> lost = new TreeMap<>();
        Map<String, List<Reply>> repliesByMessage = new TreeMap<>();
        Map<String, List<String>> duplicateRows = new TreeMap<>();
        byConversation.forEach((conversationId, messageIds) -> {
            Map<String, List<Reply>> replies = replies(conversationId);
            List<Row> transcript = transcript(conversationId, supervisor);
            Set<String> transcribed = transcript.stream().map(Row::messageId).collect(Collectors.toSet());
            for (String messageId : messageIds) {
                List<Reply> answers = replies.getOrDefault(messageId, List.of());
                if (answers.isEmpty() && !transcribed.contains(messageId)) {
                    lost.put(messageId, conversationId);
                }
                if (!answers.isEmpty()) {
                    repliesByMessage.put(messageId, answers);
                }
            }
            List<String> duplicates = duplicateRows(transcript);
            if (!duplicates.isEmpty()) {
                duplicateRows.put(conversationId, duplicates);
            }
        });
        return new Verdict(lost, repliesByMessage, duplicateRows);
    }

    /** The conversation's replies by the message they answer, every page. */
    private Map<String, List<Reply>> replies(String conversationId) {
        Map<String, List<Reply>> byMessage = new HashMap<>();
        String after = null;
        while (true) {
            Http.Response page = channel.replies(conversationId, after);
            if (page.status() != 200) {
                throw new AssertionError("replies of " + conversationId + ": " + page);
            }
            JsonNode body = page.json();
            for (JsonNode reply : body.path("replies")) {
                Reply parsed = new Reply(reply.path("messageId").asText(), reply.path("inReplyTo").asText(""),
                        reply.path("from").asText());
                byMessage.computeIfAbsent(parsed.inReplyTo(), id -> new ArrayList<>()).add(parsed);
            }
            String next = body.path("next").asText(null);
            if (body.path("replies").isEmpty() || next == null || next.equals(after)) {
                return byMessage;
            }
            after = next;
        }
    }

    /** Every transcript row of the conversation's tickets (none without a ticket). */
    private static List<Row> transcript(String conversationId, String token) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode ticket : Tickets.list("conversationId=" + Http.encode(conversationId), token)) {
            for (JsonNode entry : Tickets.detail(ticket.path("id").asText(), token).path("transcript")) {
                rows.add(new Row(entry.path("messageId").asText(), entry.path("author").asText(),
                        entry.path("kind").asText(), entry.path("inReplyTo").asText("")));
            }
        }
        return rows;
    }

    /**
     * Replies recorded twice: two rows of one kind answering the same customer message. (A messageId is
     * unique per conversation in ticket-service's table; tickets of one conversation may show the same row,
     * so rows are compared by messageId.)
     */
    private static List<String> duplicateRows(List<Row> rows) {
        Map<String, Set<String>> replyGroups = new TreeMap<>();
        for (Row row : rows) {
            if (!row.inReplyTo().isEmpty()) {
                replyGroups.computeIfAbsent("reply to " + row.inReplyTo() + " of kind " + row.kind(),
                        key -> new TreeSet<>()).add(row.messageId());
            }
        }
        List<String> duplicates = new ArrayList<>();
        replyGroups.forEach((group, ids) -> {
            if (ids.size() > 1) {
                duplicates.add(group + ": " + ids);
            }
        });
        return duplicates;
    }
}
