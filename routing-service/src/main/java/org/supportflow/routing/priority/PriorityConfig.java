package org.supportflow.routing.priority;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.supportflow.contracts.taxonomy.Priority;

import java.util.Set;

/** {@code routing.priority.*}: how urgent a conversation is for the agents. See {@link PriorityPolicy}. */
@ConfigMapping(prefix = "routing.priority")
public interface PriorityConfig {

    /** Priority of an intent the active domain gives none. */
    @WithDefault("NORMAL")
    Priority defaultPriority();

    /** At least this when the message is negative. */
    @WithDefault("NORMAL")
    Priority negativeFloor();

    /** At least this when the message is strongly negative (an angry customer). */
    @WithDefault("HIGH")
    Priority angryFloor();

    /** At least this when urgency is HIGH. */
    @WithDefault("HIGH")
    Priority urgentFloor();

    /** At least this when the customer is angry and it is urgent. */
    @WithDefault("URGENT")
    Priority angryAndUrgentFloor();

    /** Tiers whose conversations are raised by {@link #tierBoost()} levels. */
    @WithDefault("VIP")
    Set<String> boostedTiers();

    @WithDefault("1")
    int tierBoost();
}
