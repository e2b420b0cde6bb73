package org.supportflow.gateway.conversation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.web.jdbc.Jdbc;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conversations in PostgreSQL. At most one open conversation per (channel, customer) is enforced by a
 * partial unique index, so two gateway replicas cannot open two at once. Methods that take part in the
 * ingestion transaction must be called inside it (the connection joins the JTA transaction).
 */
@ApplicationScoped
public class ConversationStore {

    private final AgroalDataSource dataSource;
    /** For a poll of ticket status updates: rolled back as a whole, so safe to run again on a deadlock. */
    private final Jdbc jdbc;
    private final ConversationPolicy policy;

    public ConversationStore(AgroalDataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, Jdbc.DEFAULT_MAX_ATTEMPTS);
        this.policy = new ConversationPolicy(config.conversation().solvedIdleTimeout());
    }

    /**
     * The conversation a customer message at {@code now} belongs to: the open one (locked until the
     * transaction ends, which serialises one customer's messages) if the policy continues it, else a new one.
     * Runs on the caller's connection, inside its transaction.
     */
    public String conversationFor(Connection connection, String channelId, String customerId, Instant now,
                                  Duration idleTimeout) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<OpenConversation> open = lockOpen(connection, channelId, customerId);
            if (open.isPresent()) {
                Optional<ConversationPolicy.EndReason> end = policy.endReason(open.get(), now, idleTimeout);
                if (end.isEmpty()) {
                    touch(connection, open.get().id(), now);
                    return open.get().id();
                }
                close(connection, open.get().id(), now, end.get().code());
            }
            String id = ConversationPolicy.newConversationId();
            if (insert(connection, id, channelId, customerId, now)) {
                return id;
            }
            // another replica opened one concurrently: it is committed now, so continue with it
        }
        throw new IllegalStateException("could not open a conversation after concurrent attempts");
    }

    /** A customer message for {@link #conversationsFor}: who sent it, when, and its channel's idle timeout. */
    public record Arrival(String channelId, String customerId, Instant at, Duration idleTimeout) {
    }

    /**
     * {@link #conversationFor} for several messages at once (a group commit's), in a few statements for all of
     * them instead of two or three per message, with the outcome of calling it for each arrival in turn.
     * {@code arrivals} must be in lock order (channel, customer; one customer's messages in arrival order).
     *
     * <p>The first statement locks each customer's open conversation, or opens one where there is none, one
     * customer after the other in that order, as the one-by-one path does: replicas taking either path still
     * wait for each other in one order only. The policy is then applied here, for every arrival in turn.
     *
     * <p>Empty in the rare cases the bulk statements do not cover (a customer's later message in the group
     * would end the conversation the earlier one continued or opened; a conversation that could not be
     * opened): the caller then rolls back to a savepoint taken before this call and goes one by one.
     */
    public Optional<List<String>> conversationsFor(Connection connection, List<Arrival> arrivals)
            throws SQLException {
        // per customer, in lock order: the conversation to open for its first message if none is open
        Map<Customer, Opening> firstOf = new LinkedHashMap<>();
        for (Arrival arrival : arrivals) {
            Customer customer = new Customer(arrival.channelId(), arrival.customerId());
            firstOf.putIfAbsent(customer, new Opening(ConversationPolicy.newConversationId(), customer, arrival.at()));
        }
        Set<String> opened = lockOrOpen(connection, List.copyOf(firstOf.values()));
        List<Customer> existing = firstOf.values().stream()
                .filter(opening -> !opened.contains(opening.id())).map(Opening::customer).toList();
        Map<Customer, OpenConversation> stored = readOpen(connection, existing);
        if (stored.size() != existing.size()) {
            return Optional.empty();
        }

        // the conversation each customer's next message meets, as conversationFor would find it
        Map<Customer, OpenConversation> current = new HashMap<>();
        List<Closing> closings = new ArrayList<>();
        List<Opening> openings = new ArrayList<>();
        Map<String, Instant> touched = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            Customer customer = new Customer(arrival.channelId(), arrival.customerId());
            OpenConversation conversation = current.get(customer);
            if (conversation == null && opened.contains(firstOf.get(customer).id())) {
                conversation = new OpenConversation(firstOf.get(customer).id(), arrival.at(), null);
                current.put(customer, conversation);
                ids.add(conversation.id());
                continue;
            }
            boolean firstInGroup = conversation == null;
            if (firstInGroup) {
                conversation = stored.get(customer);
            }
            Optional<ConversationPolicy.EndReason> end = policy.endReason(conversation, arrival.at(),
                    arrival.idleTimeout());
            if (end.isPresent()) {
                if (!firstInGroup) {
                    // the customer's earlier message in this group continued or opened it: only conceivable
                    // with timeouts shorter than a group's spread, left to the one-by-one path
                    return Optional.empty();
                }
                closings.add(new Closing(conversation.id(), arrival.at(), end.get().code()));
                Opening opening = new Opening(ConversationPolicy.newConversationId(), customer, arrival.at());
                openings.add(opening);
                conversation = new OpenConversation(opening.id(), arrival.at(), null);
            } else {
                Instant last = conversation.lastMessageAt().isAfter(arrival.at())
                        ? conversation.lastMessageAt() : arrival.at();
                touched.put(conversation.id(), last);
                conversation = new OpenConversation(conversation.id(), last, conversation.solvedAt());
            }
            current.put(customer, conversation);
            ids.add(conversation.id());
        }

        // closed before their successors are inserted: the partial unique index allows one open conversation
        closeAll(connection, closings);
        if (lockOrOpen(connection, openings).size() != openings.size()) {
            // nobody else can open one while we hold the old conversation's lock; if it happens anyway, the
            // one-by-one path copes with it
            return Optional.empty();
        }
        touchAll(connection, touched);
        return Optional.of(ids);
    }

    /** The channel a conversation belongs to, if the gateway knows it. */
    public Optional<String> channelOf(String conversationId) {
        String sql = "SELECT channel_id FROM conversation WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("conversation lookup failed", e);
        }
    }

    /** The customer id of a conversation (a pseudonym after an erasure), if the gateway knows it. */
    public Optional<String> customerOf(String conversationId) {
        String sql = "SELECT customer_id FROM conversation WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("conversation lookup failed", e);
        }
    }

    /**
     * Applies a poll's ticket status updates ({@link TicketStatusUpdates}), in their order, in one transaction:
     * all or nothing. Each is idempotent, so a poll applied again (redelivered, or record by record after it
     * failed) leaves the same rows. A conversation the gateway does not know is left alone.
     *
     * <p>An active run clears the solved time of its conversations in one statement; it locks only those that
     * were solved (rarely any), so it hardly ever waits for the ingestion's group commit. If the two deadlock
     * anyway, {@link Jdbc} runs the poll again.
     */
    public void applyTicketStatuses(List<TicketStatusUpdates.Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        jdbc.inTransaction(connection -> {
            for (TicketStatusUpdates.Update update : updates) {
                switch (update) {
                    case TicketStatusUpdates.MarkActive active -> markActive(connection, active.conversationIds());
                    case TicketStatusUpdates.MarkSolved solved ->
                            markSolved(connection, solved.conversationId(), solved.at());
                    case TicketStatusUpdates.MarkClosed closed ->
                            markClosed(connection, closed.conversationId(), closed.at());
                }
            }
            return null;
        });
    }

    /**
     * Erasure: the conversations of {@code customerId} (or listed by id) lose the customer id, replaced by a
     * value derived from the conversation id, and are closed. Returns the affected conversation ids.
     * Must run inside a transaction.
     */
    public List<String> pseudonymise(String customerId, Collection<String> conversationIds, Instant now) {
        String sql = """
                UPDATE conversation
                   SET customer_id = 'erased:' || id,
                       closed_at = COALESCE(closed_at, ?),
                       close_reason = COALESCE(close_reason, 'erased')
                 WHERE customer_id = ? OR id = ANY (?)
                RETURNING id""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, customerId);
            statement.setArray(3, SqlArrays.texts(connection, conversationIds));
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("conversation erasure failed", e);
        }
    }

    /** Deletes conversations closed before {@code cutoff}; returns how many. */
    public int deleteClosedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM conversation WHERE closed_at < ?")) {
            statement.setObject(1, Timestamptz.of(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("conversation update failed", e);
        }
    }

    private record Customer(String channelId, String customerId) {
    }

    private record Opening(String id, Customer customer, Instant at) {
    }

    private record Closing(String id, Instant at, String reason) {
    }

    /**
     * For each opening in order: locks the customer's open conversation if there is one (ON CONFLICT ... DO
     * UPDATE locks the row; WHERE false leaves it unchanged), else inserts the proposed one. A conversation
     * another transaction is opening is waited for and then locked. Returns the ids inserted.
     */
    private static Set<String> lockOrOpen(Connection connection, List<Opening> openings) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (openings.isEmpty()) {
            return inserted;
        }
        // ORDER BY ord: rows are inserted (and conflicts locked) in the caller's lock order
        String sql = """
                INSERT INTO conversation (id, channel_id, customer_id, opened_at, last_message_at)
                SELECT m.id, m.channel_id, m.customer_id, m.at, m.at
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[])
                       WITH ORDINALITY AS m(id, channel_id, customer_id, at, ord)
                 ORDER BY m.ord
                ON CONFLICT (channel_id, customer_id) WHERE closed_at IS NULL
                DO UPDATE SET last_message_at = conversation.last_message_at WHERE false
                RETURNING id""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, openings, Opening::id));
            statement.setArray(2, SqlArrays.texts(connection, openings, o -> o.customer().channelId()));
            statement.setArray(3, SqlArrays.texts(connection, openings, o -> o.customer().customerId()));
            statement.setArray(4, SqlArrays.instants(connection, openings, Opening::at));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    /** The open conversations of these customers, which the caller has locked (so this reads their state). */
    private static Map<Customer, OpenConversation> readOpen(Connection connection, List<Customer> customers)
            throws SQLException {
        Map<Customer, OpenConversation> open = new HashMap<>();
        if (customers.isEmpty()) {
            return open;
        }
        String sql = """
                SELECT c.channel_id, c.customer_id, c.id, c.last_message_at, c.solved_at
                  FROM conversation c JOIN unnest(?::text[], ?::text[]) AS k(channel_id, customer_id)
                    ON c.channel_id = k.channel_id AND c.customer_id = k.customer_id
                 WHERE c.closed_at IS NULL""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, customers, Customer::channelId));
            statement.setArray(2, SqlArrays.texts(connection, customers, Customer::customerId));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    open.put(new Customer(rs.getString(1), rs.getString(2)),
                            new OpenConversation(rs.getString(3), Timestamptz.instant(rs, 4),
                                    Timestamptz.instant(rs, 5)));
                }
            }
        }
        return open;
    }

    private static void closeAll(Connection connection, List<Closing> closings) throws SQLException {
        if (closings.isEmpty()) {
            return;
        }
        String sql = """
                UPDATE conversation c SET closed_at = t.at, close_reason = t.reason
                  FROM unnest(?::text[], ?::timestamptz[], ?::text[]) AS t(id, at, reason)
                 WHERE c.id = t.id""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.texts(connection, closings, Closing::id));
            statement.setArray(2, SqlArrays.instants(connection, closings, Closing::at));
            statement.setArray(3, SqlArrays.texts(connection, closings, Closing::reason));
            statement.executeUpdate();
        }
    }

    /** Sets each conversation's last message time to the later of the stored one and the given one. */
    private static void touchAll(Connection connection, Map<String, Instant> lastMessageAt) throws SQLException {
        if (lastMessageAt.isEmpty()) {
            return;
        }
        String sql = """
                UPDATE conversation c SET last_message_at = GREATEST(c.last_message_at, t.at)
                  FROM unnest(?::text[], ?::timestamptz[]) AS t(id, at)
                 WHERE c.id = t.id""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Map.Entry<String, Instant>> rows = List.copyOf(lastMessageAt.entrySet());
            statement.setArray(1, SqlArrays.texts(connection, rows, Map.Entry::getKey));
            statement.setArray(2, SqlArrays.instants(connection, rows, Map.Entry::getValue));
            statement.executeUpdate();
        }
    }

    /** The tickets are active again (reopened): the solved grace period no longer applies. */
    private static void markActive(Connection connection, List<String> conversationIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET solved_at = NULL WHERE id = ANY (?) AND solved_at IS NOT NULL")) {
            statement.setArray(1, SqlArrays.texts(connection, conversationIds, id -> id));
            statement.executeUpdate();
        }
    }

    /** The ticket was SOLVED at {@code at}. */
    private static void markSolved(Connection connection, String conversationId, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET solved_at = ? WHERE id = ? AND closed_at IS NULL")) {
            statement.setObject(1, Timestamptz.of(at));
            statement.setString(2, conversationId);
            statement.executeUpdate();
        }
    }

    /** The ticket was CLOSED: the next customer message opens a new conversation. */
    private static void markClosed(Connection connection, String conversationId, Instant at) throws SQLException {
        String sql = "UPDATE conversation SET closed_at = ?, close_reason = 'ticket_closed' "
                + "WHERE id = ? AND closed_at IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Timestamptz.of(at));
            statement.setString(2, conversationId);
            statement.executeUpdate();
        }
    }

    private static Optional<OpenConversation> lockOpen(Connection connection, String channelId, String customerId)
            throws SQLException {
        String sql = """
                SELECT id, last_message_at, solved_at FROM conversation
                 WHERE channel_id = ? AND customer_id = ? AND closed_at IS NULL
                   FOR UPDATE""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, channelId);
            statement.setString(2, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OpenConversation(rs.getString(1), Timestamptz.instant(rs, 2),
                        Timestamptz.instant(rs, 3)));
            }
        }
    }

    private static void touch(Connection connection, String id, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET last_message_at = GREATEST(last_message_at, ?) WHERE id = ?")) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, id);
            statement.executeUpdate();
        }
    }

    private static void close(Connection connection, String id, Instant now, String reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE conversation SET closed_at = ?, close_reason = ? WHERE id = ?")) {
            statement.setObject(1, Timestamptz.of(now));
            statement.setString(2, reason);
            statement.setString(3, id);
            statement.executeUpdate();
        }
    }

    private static boolean insert(Connection connection, String id, String channelId, String customerId, Instant now)
            throws SQLException {
        String sql = """
                INSERT INTO conversation (id, channel_id, customer_id, opened_at, last_message_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, customer_id) WHERE closed_at IS NULL DO NOTHING""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            var at = Timestamptz.of(now);
            statement.setString(1, id);
            statement.setString(2, channelId);
            statement.setString(3, customerId);
            statement.setObject(4, at);
            statement.setObject(5, at);
            return statement.executeUpdate() == 1;
        }
    }
}
