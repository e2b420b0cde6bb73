package org.supportflow.routing.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** {@code routing.decision.*}: when a message goes to a human. See {@link DecisionPolicy}. */
@ConfigMapping(prefix = "routing.decision")
public interface DecisionConfig {

    @WithDefault("0.5")
    double minConfidence();

    @WithDefault("0.1")
    double minMargin();

    /** The reserved intent asking for a person. Every other intent's route comes from the active domain. */
    @WithDefault("human_agent")
    Set<String> requestedIntents();

    /** The reserved refusal intent. */
    @WithDefault("out_of_scope")
    Set<String> refusalIntents();

    @WithDefault("0.75")
    double strongNegativeThreshold();

    @WithDefault("true")
    boolean urgentToHuman();

    @WithDefault("2")
    int repeatedFallbackThreshold();

    Vip vip();

    interface Vip {
        @WithDefault("VIP")
        Set<String> tiers();

        @WithDefault("true")
        boolean negativeToHuman();
    }
}
