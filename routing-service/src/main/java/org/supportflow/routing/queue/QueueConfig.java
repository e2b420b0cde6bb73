package org.supportflow.routing.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code routing.queue.*}: the waiting queue and its periodic sweep. */
@ConfigMapping(prefix = "routing.queue")
public interface QueueConfig {

    /** How many waiting conversations one dispatch pass looks at. */
    @WithDefault("200")
    int batchSize();

    /** How often every replica sweeps the queue (a scheduler interval such as {@code 5s}). */
    @WithDefault("5s")
    String sweepInterval();

    /** Delay of the first sweep after start. */
    @WithDefault("5s")
    String sweepDelay();
}
