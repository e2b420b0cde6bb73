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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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
