package org.supportflow.ticket.customers;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer's profile: the platform's only copy of their name (personal data; erasable). */
@Entity
@Table(name = "customer")
public class CustomerProfile extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String locale;

    public String tier;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;
}
