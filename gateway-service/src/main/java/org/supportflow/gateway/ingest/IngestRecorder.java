package org.supportflow.gateway.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.gateway.dedup.InboundLedger;
import org.supportflow.gateway.dedup.MessageKey;
import org.supportflow.gateway.outbox.InboundPublisher;
import org.supportflow.web.ApiException;
import org.supportflow.web.jdbc.Jdbc;
import org.supportflow.web.jdbc.SqlStates;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Records accepted messages exactly once per (channel, messageId), with their conversation and pending event
 * (the outbox), for every ingestion path (§1, KakaoTalk, the widget). Concurrent requests share one transaction
 * ({@link GroupCommitter}); each is answered after that commit, so de-duplication stays exact under a crash.
 *
 * <p>In a group: one lookup of the keys already recorded; a key twice in the group is recorded once (the later
 * request is its duplicate). The new messages are first recorded in bulk, because statements, not rows, are
 * what ingestion costs PostgreSQL: their conversations in a few statements for all of them
 * ({@link ConversationStore#conversationsFor}) and their ledger rows in one. That path covers the common case
 * only; if it fails (one bad request fails the statement it shares with the others) or meets a key that a
 * concurrent request recorded meanwhile (whose conversation change could not be undone alone), it is rolled back
 * to a savepoint and the group's new messages are recorded one by one, each under its own savepoint, so one that
 * fails is undone and answered with its own error while the others commit.
 *
 * <p>Conversation rows are locked in (channel, customer) order on both paths, the same on every replica, so two
 * groups do not wait on each other in a circle (if they ever do, PostgreSQL aborts one: its group is rolled back
 * and run again, see {@link #recordOne}; after repeated conflicts its requests are applied one by one). After
 * the commit the events are handed to Kafka in the group's order, which keeps a conversation's messages in the
 * order they were recorded.
 */
@ApplicationScoped
public class IngestRecorder {

    private static final Logger LOG = Logger.getLogger(IngestRecorder.class);

    /** A message to record; {@code beforePublish} runs after the commit, before its event goes to Kafka. */
    public record Recording(Channel channel, MessageKey key, IncomingMessage message, Instant acceptedAt,
                            Consumer<Recorded> beforePublish) {

        String customerId() {
            return message.customer().id();
        }
    }

    /** The conversation and, for a first delivery, the event published (null for a duplicate). */
    public record Recorded(String conversationId, InboundMessageEvent event) {

        public boolean duplicate() {
            return event == null;
        }
    }

    /** Lock order: the same on every replica. A stable sort keeps one customer's messages in arrival order. */
    private static final Comparator<Recording> LOCK_ORDER = Comparator
            .comparing((Recording r) -> r.channel().id())
            .thenComparing(Recording::customerId);

    /**
     * Attempts of a group's transaction. Running a group again after a conflict is safe: each attempt builds its
     * outcomes afresh on a fresh connection, and nothing leaves the gateway before the commit. Fewer than the
     * default because a conflict costs its group a deadlock timeout each time, and the committer still splits
     * a group that keeps failing.
     */
    private static final int GROUP_ATTEMPTS = 3;

    private final Jdbc jdbc;
    private final ConversationStore conversations;
    private final InboundLedger ledger;
    private final InboundPublisher publisher;
    private final GroupCommitter<Recording, Recorded> committer;
    private final AtomicLong bulkGroups = new AtomicLong();
    private final AtomicLong oneByOneGroups = new AtomicLong();

    public IngestRecorder(AgroalDataSource dataSource, ConversationStore conversations, InboundLedger ledger,
                          InboundPublisher publisher, GatewayConfig config) {
        this.jdbc = new Jdbc(dataSource, GROUP_ATTEMPTS);
        this.conversations = conversations;
        this.ledger = ledger;
        this.publisher = publisher;
        this.committer = new GroupCommitter<>("ingest-group-commit", this::recordGroup,
                config.ingest().groupLinger(), config.ingest().groupMaxSize(), Duration.ofSeconds(30));
    }

    /**
     * Records the message (blocking until its group is committed); throws the request's own failure, e.g. the
     * 409 of a messageId reused for another message.
     */
    public Recorded record(Recording recording) {
        return committer.apply(recording);
    }

    /**
     * Database transactions run for ingestion so far, not counting a group's re-runs after a conflict (for tests
     * and metrics).
     */
    public long transactions() {
        return committer.transactions();
    }

    /** Groups whose first deliveries were recorded in bulk (tests and metrics). */
    public long bulkGroups() {
        return bulkGroups.get();
    }

    /** Groups of several first deliveries that the bulk path left to the one-by-one path (tests and metrics). */
    public long oneByOneGroups() {
        return oneByOneGroups.get();
    }

    /** Requests waiting for the committer (tests). */
    public int pending() {
        return committer.pending();
    }

    void onStop(@Observes ShutdownEvent event) {
        committer.close();
    }

    private List<GroupCommitter.Outcome<Recorded>> recordGroup(List<Recording> group) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, group.size()).boxed().toList());
        order.sort(Comparator.comparing(group::get, LOCK_ORDER));
        List<GroupCommitter.Outcome<Recorded>> outcomes = jdbc.inTransaction(connection -> {
            List<GroupCommitter.Outcome<Recorded>> attempt = new ArrayList<>(group.size());
            group.forEach(r -> attempt.add(null));
            Map<MessageKey, InboundLedger.Accepted> known =
                    ledger.findAll(connection, group.stream().map(Recording::key).distinct().toList());
            Map<MessageKey, Integer> firstInGroup = new HashMap<>();
            List<Integer> firstDeliveries = new ArrayList<>();
            List<Integer> sameKeyLater = new ArrayList<>();
            for (int i : order) {
                Recording recording = group.get(i);
                InboundLedger.Accepted accepted = known.get(recording.key());
                Integer first = firstInGroup.putIfAbsent(recording.key(), i);
                if (accepted != null) {
                    attempt.set(i, duplicate(accepted, recording.message().fingerprint()));
                } else if (first != null) {
                    sameKeyLater.add(i);
                } else {
                    firstDeliveries.add(i);
                }
            }
            recordFirstDeliveries(connection, group, firstDeliveries, attempt);
            for (int i : sameKeyLater) {
                int first = firstInGroup.get(group.get(i).key());
                attempt.set(i, sameKeyInGroup(group.get(first), attempt.get(first), group.get(i)));
            }
            return attempt;
        });
        // committed: only now may the events leave (a crash before this point leaves them to the outbox sweeper)
        for (int i : order) {
            GroupCommitter.Outcome<Recorded> outcome = outcomes.get(i);
            if (outcome.failure() == null && !outcome.value().duplicate()) {
                afterCommit(group.get(i), outcome.value());
            }
        }
        return outcomes;
    }

    /**
     * Records the group's first deliveries (indexes in lock order): in bulk when there are several; one by one
     * when there is one, or when the bulk path failed or does not cover the case (everything it did is undone).
     */
    private void recordFirstDeliveries(Connection connection, List<Recording> group, List<Integer> firstDeliveries,
                                       List<GroupCommitter.Outcome<Recorded>> attempt) throws SQLException {
        if (firstDeliveries.size() > 1) {
            List<Recording> recordings = firstDeliveries.stream().map(group::get).toList();
            Savepoint beforeBulk = connection.setSavepoint();
            try {
                Optional<List<Recorded>> recorded = recordAll(connection, recordings);
                if (recorded.isPresent()) {
                    connection.releaseSavepoint(beforeBulk);
                    for (int n = 0; n < firstDeliveries.size(); n++) {
                        attempt.set(firstDeliveries.get(n), GroupCommitter.Outcome.of(recorded.get().get(n)));
                    }
                    bulkGroups.incrementAndGet();
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                if (SqlStates.anyCause(e, sql -> SqlStates.isConflict(sql.getSQLState()))) {
                    throw e; // as in recordOne: the transaction is rolled back and the group run again
                }
                // e.g. one request's own failure: the one-by-one path isolates it
                LOG.debugf("recording %d messages in bulk failed (%s); recording them one by one",
                        recordings.size(), e.toString());
            }
            connection.rollback(beforeBulk);
            oneByOneGroups.incrementAndGet();
        }
        for (int i : firstDeliveries) {
            attempt.set(i, recordOne(connection, group.get(i)));
        }
    }

    /**
     * The bulk path: the conversations of all recordings ({@link ConversationStore#conversationsFor}), then all
     * their ledger rows in one statement. Empty when it cannot give the answers of the one-by-one path; the
     * caller then rolls all of it back.
     */
    private Optional<List<Recorded>> recordAll(Connection connection, List<Recording> recordings)
            throws SQLException {
        Optional<List<String>> conversationIds = conversations.conversationsFor(connection, recordings.stream()
                .map(r -> new ConversationStore.Arrival(r.channel().id(), r.customerId(), r.acceptedAt(),
                        r.channel().conversationIdleTimeout()))
                .toList());
        if (conversationIds.isEmpty()) {
            return Optional.empty();
        }
        List<Recorded> recorded = new ArrayList<>(recordings.size());
        List<InboundLedger.NewMessage> rows = new ArrayList<>(recordings.size());
        for (int n = 0; n < recordings.size(); n++) {
            Recording recording = recordings.get(n);
            String conversationId = conversationIds.get().get(n);
            InboundMessageEvent event = eventOf(recording, conversationId);
            recorded.add(new Recorded(conversationId, event));
            rows.add(new InboundLedger.NewMessage(recording.key(), recording.message().fingerprint(), conversationId,
                    recording.acceptedAt(), EventJson.toJson(event)));
        }
        if (ledger.insertAllIfAbsent(connection, rows).size() != rows.size()) {
            // a concurrent request (maybe on another replica) recorded one of the keys first and committed: its
            // conversation change cannot be undone alone here, so the one-by-one path takes over
            return Optional.empty();
        }
        return Optional.of(recorded);
    }

    private GroupCommitter.Outcome<Recorded> recordOne(Connection connection, Recording recording)
            throws SQLException {
        Channel channel = recording.channel();
        String fingerprint = recording.message().fingerprint();
        Savepoint savepoint = connection.setSavepoint();
        try {
            String conversationId = conversations.conversationFor(connection, channel.id(), recording.customerId(),
                    recording.acceptedAt(), channel.conversationIdleTimeout());
            InboundMessageEvent event = eventOf(recording, conversationId);
            if (ledger.insertIfAbsent(connection, recording.key(), fingerprint, conversationId, recording.acceptedAt(),
                    EventJson.toJson(event))) {
                connection.releaseSavepoint(savepoint);
                return GroupCommitter.Outcome.of(new Recorded(conversationId, event));
            }
            // a concurrent request (maybe on another replica) recorded it first and committed: undo our changes
            connection.rollback(savepoint);
            InboundLedger.Accepted accepted = ledger.find(connection, recording.key())
                    .orElseThrow(() -> new IllegalStateException("duplicate key without a committed row"));
            return duplicate(accepted, fingerprint);
        } catch (SQLException | RuntimeException e) {
            if (SqlStates.anyCause(e, sql -> SqlStates.isConflict(sql.getSQLState()))) {
                // PostgreSQL aborted this request to break a deadlock: not its own failure, and running it again
                // in this transaction would meet the same locks, held for the requests before it. The whole
                // transaction is rolled back (releasing them) and the group run again.
                throw e;
            }
            // this request alone: its changes are undone, the group goes on (a broken connection throws here)
            connection.rollback(savepoint);
            LOG.warnf("recording message %s failed: %s", recording.key(), e.toString());
            return GroupCommitter.Outcome.failed(e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("recording the message failed", e));
        }
    }

    private static InboundMessageEvent eventOf(Recording recording, String conversationId) {
        Channel channel = recording.channel();
        IncomingMessage message = recording.message();
        return InboundMessageEvent.of(conversationId, channel.id(), channel.type(), message.messageId(),
                message.customer(), message.text(), message.sentAt(), message.metadata());
    }

    /** The same key twice in one group: the later request is a duplicate of the first (or a 409, or its failure). */
    private static GroupCommitter.Outcome<Recorded> sameKeyInGroup(Recording first,
                                                                   GroupCommitter.Outcome<Recorded> firstOutcome,
                                                                   Recording later) {
        if (firstOutcome.failure() != null) {
            return firstOutcome;
        }
        return duplicate(new InboundLedger.Accepted(firstOutcome.value().conversationId(),
                first.message().fingerprint()), later.message().fingerprint());
    }

    /**
     * A retry of an accepted message is a duplicate; the same id with another customer or text is a reuse of
     * the idempotency key, refused without revealing anything of the message it first stood for.
     */
    private static GroupCommitter.Outcome<Recorded> duplicate(InboundLedger.Accepted accepted, String fingerprint) {
        if (!accepted.sameMessage(fingerprint)) {
            return GroupCommitter.Outcome.failed(ApiException.conflict("message_id_reused",
                    "this messageId was already used for another message on this channel; use a new messageId"));
        }
        return GroupCommitter.Outcome.of(new Recorded(accepted.conversationId(), null));
    }

    private void afterCommit(Recording recording, Recorded recorded) {
        try {
            if (recording.beforePublish() != null) {
                recording.beforePublish().accept(recorded);
            }
            publisher.publish(recording.key(), recorded.event()).exceptionally(failure -> {
                LOG.warnf("inbound event %s not acknowledged yet (%s); the outbox sweeper will retry",
                        recorded.event().eventId(), failure.getClass().getSimpleName());
                return null;
            });
        } catch (RuntimeException e) {
            // committed all the same: the outbox sweeper publishes what was not handed over
            LOG.warnf("handing over inbound event %s failed: %s", recorded.event().eventId(), e.toString());
        }
    }
}
