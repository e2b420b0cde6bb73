package org.supportflow.ticket.customers;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A channel on which a customer has written to us (e.g. {@code demo-kakao}). */
@Entity
@Table(name = "customer_identity")
public class ChannelIdentity extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "channel_type")
    public String channelType;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Embeddable
    public record Key(@Column(name = "customer_id") String customerId,
                      @Column(name = "channel_id") String channelId) implements Serializable {
    }

    public static List<ChannelIdentity> of(String customerId) {
        return list("key.customerId = ?1 order by firstSeenAt", customerId);
    }
}
