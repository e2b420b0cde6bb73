package org.supportflow.ticket.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Every {@code ticket.*} setting of the service. */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Db db();

    Sla sla();

    Publish publish();

    Csat csat();

    AutoClose autoClose();

    Console console();

    Retention retention();

    interface Db {
        /** The database schema of the service's tables (Flyway and Hibernate read it too). */
        String schema();
    }

    /** SLA targets; the business hours they count in are the platform's ({@code supportflow.hours.*}). */
    interface Sla {
        /** Business time to the first agent reply, per priority ({@code low}, {@code normal}, ...). */
        Map<String, Duration> firstResponse();

        /** Business time to SOLVED, per priority. */
        Map<String, Duration> resolution();

        /** A target due within this much wall-clock time is "at risk". */
        @WithDefault("PT1H")
        Duration atRiskWithin();

        /** How often the breach monitor runs (a Quarkus scheduler interval such as {@code 30s}). */
        @WithDefault("30s")
        String checkEvery();
    }

    interface Publish {
        /** How long a request waits for Kafka to acknowledge a message it must deliver. */
        @WithDefault("PT10S")
        Duration ackTimeout();

        /**
         * How often the ticket-event relay looks at the outbox without being woken by a commit (events left by
         * a crash or by another replica, or not acknowledged by Kafka last time).
         */
        @WithDefault("1s")
        String relayInterval();
    }

    interface AutoClose {
        /** A SOLVED ticket the customer did not reopen within this time becomes CLOSED. */
        @WithDefault("P3D")
        Duration after();

        /** How often solved tickets are checked (a Quarkus scheduler interval). */
        @WithDefault("10m")
        String checkEvery();
    }

    interface Csat {
        /** Whether solving a ticket sends the 1–5 rating question to the customer. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The agent console's sign-in (the page reads these from {@code /agent/config.json}). */
    interface Console {
        /** Keycloak's realm URL as the agents' browsers reach it (may differ from the service's own view). */
        String oidcUrl();

        /** The public client the console signs in with (authorization code with PKCE). */
        @WithDefault("support-console")
        String clientId();
    }

    interface Retention {
        /** How long the history of a conversation no person was involved in is kept. */
        @WithDefault("P30D")
        Duration botHistory();

        /** How often old history is deleted (a Quarkus scheduler interval). */
        @WithDefault("1h")
        String checkEvery();
    }
}
