package org.supportflow.ticket.transcript;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;

/** A conversation as the gateway numbered it: its channel (where replies go) and its customer. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel_type")
    public ChannelType channelType;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
