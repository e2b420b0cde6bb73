package org.supportflow.routing.domain;

import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.taxonomy.Priority;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The routing policy of the active domain, as the NLU published it on {@code nlu.domain}: which intents go to
 * a person (always, when the customer is negative, for VIPs), which are sensitive when the NLU is unsure, each
 * intent's base priority and the skills an agent needs, and the fallback's quick replies. Routing names no
 * intent of any domain itself; only the reserved ones of {@code Intent} are in its configuration.
 */
public record DomainPolicy(
        String domain,
        String version,
        Instant activatedAt,
        Set<String> intents,
        Set<String> humanIntents,
        Set<String> disputableIntents,
        Set<String> sensitiveIntents,
        Set<String> vipHumanIntents,
        Map<String, Priority> priorities,
        Map<String, Set<String>> skills,
        Map<String, List<String>> fallbackQuickReplies) {

    public DomainPolicy {
        intents = Set.copyOf(intents);
        humanIntents = Set.copyOf(humanIntents);
        disputableIntents = Set.copyOf(disputableIntents);
        sensitiveIntents = Set.copyOf(sensitiveIntents);
        vipHumanIntents = Set.copyOf(vipHumanIntents);
        priorities = Map.copyOf(priorities);
        skills = Map.copyOf(skills);
        fallbackQuickReplies = Map.copyOf(fallbackQuickReplies);
    }

    /** No domain known yet: only the reserved intents' rules apply. */
    public static DomainPolicy none() {
        return new DomainPolicy("none", "none", Instant.EPOCH, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Map.of(), Map.of(), Map.of());
    }

    public static DomainPolicy from(DomainActivatedEvent event) {
        Set<String> intents = new LinkedHashSet<>();
        Set<String> human = new LinkedHashSet<>();
        Set<String> disputable = new LinkedHashSet<>();
        Set<String> sensitive = new LinkedHashSet<>();
        Set<String> vip = new LinkedHashSet<>();
        Map<String, Priority> priorities = new HashMap<>();
        Map<String, Set<String>> skills = new HashMap<>();
        for (DomainActivatedEvent.IntentPolicy intent : event.intents()) {
            intents.add(intent.name());
            if (intent.toPerson()) {
                human.add(intent.name());
            }
            if (intent.personWhenNegative()) {
                disputable.add(intent.name());
            }
            if (intent.sensitive()) {
                sensitive.add(intent.name());
            }
            if (intent.personForVip()) {
                vip.add(intent.name());
            }
            if (intent.priority() != null) {
                try {
                    priorities.put(intent.name(), Priority.valueOf(intent.priority().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    // an unknown level leaves the default priority
                }
            }
            if (!intent.skills().isEmpty()) {
                skills.put(intent.name(), Set.copyOf(intent.skills()));
            }
        }
        return new DomainPolicy(event.domain(), event.domainVersion(), event.occurredAt(), intents, human,
                disputable, sensitive, vip, priorities, skills, event.fallbackQuickReplies());
    }
}
