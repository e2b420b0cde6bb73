package org.supportflow.gateway.widget;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code gateway.channels.<id>.widget.*}: settings of a web chat widget channel (type {@code web}). */
public interface WidgetChannelConfig {

    /**
     * Origins ({@code scheme://host[:port]}) whose pages may use this channel's widget API; a port of {@code *}
     * accepts any port ({@code http://localhost:*}). Without any, no page may use the widget.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * The secret the site's server uses to vouch for its logged-in user: {@code hex(HMAC-SHA256(secret, userId))}.
     * Without it the widget only has anonymous visitors.
     */
    Optional<String> identitySecret();

    /** How long a visitor token stays valid; every visit renews it. */
    @WithDefault("P30D")
    Duration visitorTokenLifetime();

    /** Widget API requests per second and burst from one remote address (a page load makes about three). */
    @WithDefault("5")
    double addressPerSecond();

    @WithDefault("40")
    double addressBurst();

    /** Serves a demo page embedding the widget at {@code /widget/v1/<channel>/demo} (local platform and tests). */
    @WithDefault("false")
    boolean demoPage();
}
