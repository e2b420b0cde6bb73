package org.supportflow.analytics.common;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Typed configuration of analytics-service ({@code analytics.*} in application.properties). */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** The PostgreSQL schema of the service (Flyway and every connection use it). */
    String dbSchema();

    Summary summary();

    Unrecognized unrecognized();

    Metrics metrics();

    Privacy privacy();

    Dashboard dashboard();

    interface Summary {
        /** The range summarised when neither {@code from} nor {@code to} is given. */
        Duration defaultRange();

        /** The longest range a caller may ask for. */
        Duration maxRange();

        /** How many intents {@code topIntents} lists. */
        int topIntents();

        /** How many recent messages {@code unrecognized} lists. */
        int unrecognizedLimit();
    }

    interface Unrecognized {
        /** Below this NLU confidence a message counts as not understood (besides {@code out_of_scope}). */
        double confidenceThreshold();
    }

    interface Metrics {
        /** Rolling window of the automation and handoff rate gauges. */
        Duration rateWindow();

        /** How often the rate gauges are recomputed (read by the scheduler as {@code every}). */
        Duration refreshInterval();
    }

    interface Privacy {
        /** HMAC key that pseudonymises customer ids for erasure look-ups. */
        String customerKeySecret();
    }

    interface Dashboard {
        /** Keycloak's realm URL as the operators' browsers reach it. */
        String oidcUrl();

        /** The public client the dashboard signs in with. */
        String clientId();
    }
}
