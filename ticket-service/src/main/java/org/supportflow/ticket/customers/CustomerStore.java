package org.supportflow.ticket.customers;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.taxonomy.ChannelType;

import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;
import org.supportflow.web.jdbc.Timestamptz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps customer profiles and channel identities up to date from inbound messages (idempotent upserts). Every
 * message of a customer passes here, nearly always with what the profile already says: a row is rewritten only
 * when something changed (a rewrite costs a new row version, WAL and vacuum work per message), and "last seen"
 * moves in steps of {@link #LAST_SEEN_STEP}.
 *
 * <p>A poll's customers are written with one statement per table (rows passed as arrays, {@code unnest}ed), not
 * one per customer: per-statement overhead, not the rows, is what a message costs the database. Plain JDBC on
 * the transaction-aware data source, so it joins the caller's transaction like {@code HistoryStore}.
 */
@ApplicationScoped
public class CustomerStore {

    /** How stale a channel identity's {@code last_seen_at} may get before a message moves it. */
    public static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);

    // A multi-row insert ... on conflict do update may not touch a row twice, hence one sighting per customer.
    // The rows are locked in id order (order by), so concurrent polls cannot deadlock on each other's customers.
    private static final String UPSERT_CUSTOMERS = """
            insert into customer (id, name, locale, tier, created_at, updated_at)
            select id, name, locale, tier, ?::timestamptz, ?::timestamptz
            from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as seen (id, name, locale, tier)
            order by id
            on conflict (id) do update set
                name = coalesce(excluded.name, customer.name),
                locale = coalesce(excluded.locale, customer.locale),
                tier = coalesce(excluded.tier, customer.tier),
                updated_at = excluded.updated_at,
                erased_at = null
            where customer.erased_at is not null
               or (customer.name, customer.locale, customer.tier) is distinct from
                  (coalesce(excluded.name, customer.name), coalesce(excluded.locale, customer.locale),
                   coalesce(excluded.tier, customer.tier))""";

    private static final String UPSERT_IDENTITIES = """
            insert into customer_identity (customer_id, channel_id, channel_type, first_seen_at, last_seen_at)
            select customer_id, channel_id, channel_type, ?::timestamptz, ?::timestamptz
            from unnest(?::text[], ?::text[], ?::text[]) as seen (customer_id, channel_id, channel_type)
            order by customer_id, channel_id
            on conflict (customer_id, channel_id) do update set last_seen_at = excluded.last_seen_at
            where customer_identity.last_seen_at < ?""";

    private final AgroalDataSource dataSource;

    public CustomerStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one message says about its customer, and on which channel (none: no identity to record). */
    public record Sighting(Customer customer, String channelId, ChannelType channelType) {
        public Sighting {
            Objects.requireNonNull(customer, "customer");
        }
    }

    /** {@link #recordAll} for a single message. */
    public void record(Customer customer, String channelId, ChannelType channelType, Instant now) {
        recordAll(List.of(new Sighting(customer, channelId, channelType)), now);
    }

    /**
     * Records what the channels say about the customers: the latest non-empty name, locale and tier win.
     * A customer who writes again after an erasure is a new contact with a fresh profile. At most one sighting
     * per customer (a poll's latest message of each): a database row can be upserted only once per statement.
     */
    public void recordAll(List<Sighting> sightings, Instant now) {
        if (sightings.isEmpty()) {
            return;
        }
        Set<String> distinct = new HashSet<>();
        for (Sighting sighting : sightings) {
            if (!distinct.add(sighting.customer().id())) {
                throw new IllegalArgumentException("more than one sighting of a customer in one batch");
            }
        }
        List<Sighting> onChannels = sightings.stream().filter(sighting -> sighting.channelId() != null).toList();

        OffsetDateTime at = Timestamptz.of(now);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CUSTOMERS)) {
                upsert.setObject(1, at);
                upsert.setObject(2, at);
                upsert.setArray(3, SqlArrays.texts(connection, sightings, sighting -> sighting.customer().id()));
                upsert.setArray(4, SqlArrays.texts(connection, sightings,
                        sighting -> blankToNull(sighting.customer().name())));
                upsert.setArray(5, SqlArrays.texts(connection, sightings,
                        sighting -> blankToNull(sighting.customer().locale())));
                upsert.setArray(6, SqlArrays.texts(connection, sightings,
                        sighting -> blankToNull(sighting.customer().tier())));
                upsert.executeUpdate();
            }
            if (!onChannels.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT_IDENTITIES)) {
                    upsert.setObject(1, at);
                    upsert.setObject(2, at);
                    upsert.setArray(3, SqlArrays.texts(connection, onChannels, sighting -> sighting.customer().id()));
                    upsert.setArray(4, SqlArrays.texts(connection, onChannels, Sighting::channelId));
                    upsert.setArray(5, SqlArrays.texts(connection, onChannels,
                            sighting -> sighting.channelType() == null ? null : sighting.channelType().wireName()));
                    upsert.setObject(6, Timestamptz.of(now.minus(LAST_SEEN_STEP)));
                    upsert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("recording " + sightings.size() + " customers failed", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
