package org.supportflow.routing.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code routing.maintenance.*}: housekeeping. */
@ConfigMapping(prefix = "routing.maintenance")
public interface MaintenanceConfig {

    /** How long a routed message id guards against routing a redelivered record twice. */
    @WithDefault("P7D")
    Duration routedMessageRetention();
}
