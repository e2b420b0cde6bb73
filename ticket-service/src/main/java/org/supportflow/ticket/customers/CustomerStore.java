package org.supportflow.ticket.customers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps customer profiles and channel identities up to date from inbound messages (idempotent upserts). Every
 * message of a customer passes here, nearly always with what the profile already says: a row is rewritten only
 * when something changed (a rewrite costs a new row version, WAL and vacuum work per message), and "last seen"
 * moves in steps of {@link #LAST_SEEN_STEP}.
 */
@ApplicationScoped
public class CustomerStore {

    /** How stale a channel identity's {@code last_seen_at} may get before a message moves it. */
    public static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);

    private final EntityManager em;

    public CustomerStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Records what the channel says about the customer: the latest non-empty name, locale and tier win.
     * A customer who writes again after an erasure is a new contact with a fresh profile.
     */
    public void record(Customer customer, String channelId, ChannelType channelType, Instant now) {
        em.createNativeQuery("""
                        insert into customer (id, name, locale, tier, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?5)
                        on conflict (id) do update set
                            name = coalesce(excluded.name, customer.name),
                            locale = coalesce(excluded.locale, customer.locale),
                            tier = coalesce(excluded.tier, customer.tier),
                            updated_at = excluded.updated_at,
                            erased_at = null
                        where customer.erased_at is not null
                           or (customer.name, customer.locale, customer.tier) is distinct from
                              (coalesce(excluded.name, customer.name), coalesce(excluded.locale, customer.locale),
                               coalesce(excluded.tier, customer.tier))""")
                .setParameter(1, customer.id())
                .setParameter(2, blankToNull(customer.name()))
                .setParameter(3, blankToNull(customer.locale()))
                .setParameter(4, blankToNull(customer.tier()))
                .setParameter(5, now)
                .executeUpdate();
        if (channelId != null) {
            em.createNativeQuery("""
                            insert into customer_identity (customer_id, channel_id, channel_type, first_seen_at,
                                                           last_seen_at)
                            values (?1, ?2, ?3, ?4, ?4)
                            on conflict (customer_id, channel_id) do update set last_seen_at = excluded.last_seen_at
                            where customer_identity.last_seen_at < ?5""")
                    .setParameter(1, customer.id())
                    .setParameter(2, channelId)
                    .setParameter(3, channelType == null ? null : channelType.wireName())
                    .setParameter(4, now)
                    .setParameter(5, now.minus(LAST_SEEN_STEP))
                    .executeUpdate();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
