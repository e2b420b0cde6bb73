package org.supportflow.ticket.common;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated caller: an agent id (the token's user name, the same id routing assigns to) and the
 * roles. Supervisors and admins see every ticket; agents see the queue and their own tickets.
 */
@RequestScoped
public class CurrentUser {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String id() {
        return identity.getPrincipal().getName();
    }

    public boolean seesAllTickets() {
        return identity.hasRole(SUPERVISOR) || identity.hasRole(ADMIN);
    }
}
