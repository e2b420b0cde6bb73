package org.supportflow.ticket.customers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A customer's profile and channel identity are written when they change, not on every message: a row's
 * {@code xmin} (the transaction that wrote its current version) shows whether a message rewrote it.
 */
@QuarkusTest
class CustomerStoreTest {

    @Inject
    CustomerStore customers;

    @Inject
    EntityManager em;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void theSameProfileAgainWritesNothingAndAChangeIsWritten() {
        String id = "store-" + UUID.randomUUID();
        record(new Customer(id, "Jiwoo", "ko-KR", "REGULAR"), t0);
        String written = profileVersion(id);

        record(new Customer(id, "Jiwoo", "ko-KR", "REGULAR"), t0.plusSeconds(5));
        record(new Customer(id, null, " ", null), t0.plusSeconds(6)); // says nothing new: the profile stays
        assertThat(profileVersion(id)).isEqualTo(written);

        record(new Customer(id, "Jiwoo", "ko-KR", "VIP"), t0.plusSeconds(7));
        assertThat(profileVersion(id)).isNotEqualTo(written);
        CustomerProfile profile = QuarkusTransaction.requiringNew().call(() -> CustomerProfile.findById(id));
        assertThat(profile.tier).isEqualTo("VIP");
        assertThat(profile.name).isEqualTo("Jiwoo");
        assertThat(profile.updatedAt).isEqualTo(t0.plusSeconds(7));
    }

    @Test
    void anErasedCustomerWhoWritesAgainGetsAFreshProfile() {
        String id = "store-" + UUID.randomUUID();
        record(new Customer(id, "Jiwoo", "ko-KR", null), t0);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update customer set name = null, erased_at = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, t0.plusSeconds(1)).executeUpdate());

        record(new Customer(id, null, "ko-KR", null), t0.plusSeconds(2));

        CustomerProfile profile = QuarkusTransaction.requiringNew().call(() -> CustomerProfile.findById(id));
        assertThat(profile.erasedAt).isNull();
        assertThat(profile.name).isNull();
    }

    @Test
    void lastSeenMovesInStepsNotOnEveryMessage() {
        String id = "store-" + UUID.randomUUID();
        Customer customer = new Customer(id, null, "en-US", null);
        record(customer, t0);
        String written = identityVersion(id);

        record(customer, t0.plus(CustomerStore.LAST_SEEN_STEP).minusSeconds(1));
        assertThat(identityVersion(id)).isEqualTo(written);
        assertThat(lastSeen(id)).isEqualTo(t0);

        Instant later = t0.plus(CustomerStore.LAST_SEEN_STEP).plus(Duration.ofSeconds(1));
        record(customer, later);
        assertThat(lastSeen(id)).isEqualTo(later);
    }

    /**
     * A poll's customers in one statement per table end exactly as recorded one by one: the same rows, and the
     * same rows rewritten. Two copies of one scenario under different id prefixes, one recorded customer by
     * customer, the other with {@link CustomerStore#recordAll} (given out of id order).
     */
    @Test
    void aPollsCustomersInOneBatchEndAsIfRecordedOneByOne() {
        Instant now = t0.plus(Duration.ofMinutes(2));
        String oneByOne = "store-" + UUID.randomUUID() + "/";
        String batch = "store-" + UUID.randomUUID() + "/";
        givenTheCustomersBeforeThePoll(oneByOne, now);
        givenTheCustomersBeforeThePoll(batch, now);
        Map<String, String> oneByOneBefore = versions(oneByOne);
        Map<String, String> batchBefore = versions(batch);

        QuarkusTransaction.requiringNew().run(() -> thePoll(oneByOne).stream()
                .sorted(Comparator.comparing(sighting -> sighting.customer().id()))
                .forEach(sighting -> customers.record(sighting.customer(), sighting.channelId(),
                        sighting.channelType(), now)));
        QuarkusTransaction.requiringNew().run(() -> customers.recordAll(thePoll(batch), now));

        assertThat(rows(batch)).isEqualTo(rows(oneByOne));
        assertThat(rewritten(batch, batchBefore)).isEqualTo(rewritten(oneByOne, oneByOneBefore))
                .containsExactlyInAnyOrder("customer new", "customer new-quiet", "customer returning",
                        "customer erased", "customer no-channel", "identity new web", "identity new-quiet kakao",
                        "identity returning web", "identity second-channel kakao");

        CustomerProfile returning = profile(batch + "returning");
        assertThat(returning.name).isEqualTo("Jiwoo Kim");
        assertThat(returning.locale).as("an empty locale says nothing").isEqualTo("ko-KR");
        assertThat(returning.tier).isEqualTo("REGULAR");
        assertThat(returning.updatedAt).isEqualTo(now);
        CustomerProfile erased = profile(batch + "erased");
        assertThat(erased.erasedAt).isNull();
        assertThat(erased.name).isNull();
        assertThat(erased.locale).isEqualTo("en-US");
        assertThat(erased.updatedAt).isEqualTo(now);
        assertThat(profile(batch + "unchanged").updatedAt).isEqualTo(t0);
        assertThat(profile(batch + "no-channel").updatedAt).isEqualTo(now);
        assertThat(lastSeen(batch + "returning")).isEqualTo(now);
        assertThat(lastSeen(batch + "unchanged")).as("seen within the step").isEqualTo(now.minusSeconds(30));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ChannelIdentity.of(batch + "no-channel")))
                .isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ChannelIdentity.of(batch + "second-channel")))
                .extracting(identity -> identity.key.channelId(), identity -> identity.channelType)
                .containsExactlyInAnyOrder(tuple("web", "web"), tuple("kakao", null));
    }

    @Test
    void twoSightingsOfOneCustomerInABatchAreRefused() {
        String id = "store-" + UUID.randomUUID();
        List<CustomerStore.Sighting> twice = List.of(
                new CustomerStore.Sighting(new Customer(id, "Jiwoo", null, null), "web", ChannelType.WEB),
                new CustomerStore.Sighting(new Customer(id, "Jiwoo Kim", null, null), "kakao", ChannelType.KAKAO));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> customers.recordAll(twice, t0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(profile(id)).isNull();
    }

    /** Before the poll: a returning customer, one whose profile the poll repeats, an erased one, a second channel. */
    private void givenTheCustomersBeforeThePoll(String prefix, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            customers.record(new Customer(prefix + "returning", "Jiwoo", "ko-KR", "REGULAR"), "web",
                    ChannelType.WEB, t0);
            customers.record(new Customer(prefix + "unchanged", "Mina", "en-US", "VIP"), "web", ChannelType.WEB,
                    t0);
            customers.record(new Customer(prefix + "unchanged", "Mina", "en-US", "VIP"), "web", ChannelType.WEB,
                    now.minusSeconds(30)); // seen within LAST_SEEN_STEP of the poll
            customers.record(new Customer(prefix + "erased", "Old Name", "ko-KR", null), "web", ChannelType.WEB,
                    now.minusSeconds(10));
            customers.record(new Customer(prefix + "second-channel", "Seo", "ko-KR", null), "web", ChannelType.WEB,
                    t0);
            customers.record(new Customer(prefix + "no-channel", "Hana", null, null), null, null, t0);
            em.createNativeQuery("update customer set name = null, erased_at = ?2 where id = ?1")
                    .setParameter(1, prefix + "erased").setParameter(2, now.minusSeconds(5)).executeUpdate();
        });
    }

    /** The poll: the latest message of each customer, not in id order. */
    private static List<CustomerStore.Sighting> thePoll(String prefix) {
        return List.of(
                new CustomerStore.Sighting(new Customer(prefix + "unchanged", "Mina", null, " "), "web",
                        ChannelType.WEB),
                new CustomerStore.Sighting(new Customer(prefix + "returning", "Jiwoo Kim", "", null), "web",
                        ChannelType.WEB),
                new CustomerStore.Sighting(new Customer(prefix + "new", "Ara", "ko-KR", "REGULAR"), "web",
                        ChannelType.WEB),
                new CustomerStore.Sighting(new Customer(prefix + "erased", null, "en-US", null), "web",
                        ChannelType.WEB),
                new CustomerStore.Sighting(new Customer(prefix + "second-channel", "Seo", null, null), "kakao",
                        null),
                new CustomerStore.Sighting(new Customer(prefix + "new-quiet", null, " ", null), "kakao",
                        ChannelType.KAKAO),
                new CustomerStore.Sighting(new Customer(prefix + "no-channel", "Hana Lee", null, null), null, null));
    }

    /** Every customer and identity row under the prefix, the prefix cut off, with all its columns. */
    private List<String> rows(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select 'customer ' || substr(id, length(?1) + 1) || ' '
                               || row(name, locale, tier, created_at, updated_at, erased_at)::text
                        from customer where starts_with(id, ?1)
                        union all
                        select 'identity ' || substr(customer_id, length(?1) + 1) || ' '
                               || row(channel_id, channel_type, first_seen_at, last_seen_at)::text
                        from customer_identity where starts_with(customer_id, ?1)
                        order by 1""", String.class)
                .setParameter(1, prefix).getResultList());
    }

    /** Each row's version ({@code xmin}), by table, id without the prefix and channel. */
    private Map<String, String> versions(String prefix) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select 'customer ' || substr(id, length(?1) + 1), xmin::text
                        from customer where starts_with(id, ?1)
                        union all
                        select 'identity ' || substr(customer_id, length(?1) + 1) || ' ' || channel_id, xmin::text
                        from customer_identity where starts_with(customer_id, ?1)""")
                .setParameter(1, prefix).getResultList());
        Map<String, String> versions = new HashMap<>();
        rows.forEach(row -> versions.put((String) row[0], (String) row[1]));
        return versions;
    }

    /** The rows written (inserted or rewritten) since {@code before}. */
    private Set<String> rewritten(String prefix, Map<String, String> before) {
        Set<String> written = new HashSet<>();
        versions(prefix).forEach((row, version) -> {
            if (!version.equals(before.get(row))) {
                written.add(row);
            }
        });
        return written;
    }

    private static CustomerProfile profile(String id) {
        return QuarkusTransaction.requiringNew().call(() -> CustomerProfile.findById(id));
    }

    private void record(Customer customer, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> customers.record(customer, "demo-web", ChannelType.WEB, at));
    }

    private String profileVersion(String id) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "select xmin::text from customer where id = ?1").setParameter(1, id).getSingleResult()));
    }

    private String identityVersion(String id) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "select xmin::text from customer_identity where customer_id = ?1").setParameter(1, id)
                .getSingleResult()));
    }

    private Instant lastSeen(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ChannelIdentity.of(id).getFirst().lastSeenAt);
    }
}
