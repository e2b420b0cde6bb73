package org.supportflow.ticket.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** Who did what to which ticket, when. Details never hold message text. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false)
    public String ticketId;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    public String details;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static List<AuditEntry> of(String ticketId) {
        return list("ticketId = ?1 order by occurredAt, id", ticketId);
    }
}
