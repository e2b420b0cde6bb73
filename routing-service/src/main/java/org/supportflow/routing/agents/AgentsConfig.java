package org.supportflow.routing.agents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** {@code routing.agents.*}: which agents may take a conversation. See {@link SkillRequirements}. */
@ConfigMapping(prefix = "routing.agents")
public interface AgentsConfig {

    /** Whether the message's language must be one of the agent's skills. */
    @WithDefault("true")
    boolean requireLanguage();

    /** Language required when the NLU gives none, or one nobody is staffed for. */
    @WithDefault("ko")
    String defaultLanguage();

    /** Languages the support team is staffed for; a message in another language needs the default one. */
    @WithDefault("ko,en")
    Set<String> languages();
}
