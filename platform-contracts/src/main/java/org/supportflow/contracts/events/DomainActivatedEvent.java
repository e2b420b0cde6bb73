package org.supportflow.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The domain the platform serves now ({@code nlu.domain}, compacted, one key {@link #KEY}): published by the
 * NLU when a domain bundle is promoted or rolled back (and once when the topic is empty). Every NLU replica
 * swaps to it, routing takes each intent's policy from it, and a replica that starts later reads the last
 * record and is in step. Carries the whole bundle as a zip ({@code bundleZip}, base64) so that every replica
 * trains or loads the same model, and the policy in plain fields so that readers need no bundle parser.
 *
 * @param domain       the bundle's name, e.g. {@code shop}
 * @param domainVersion the bundle's version plus its content hash
 * @param modelVersion the model the promoting replica activated (the same data and settings give the same
 *                     model on every replica)
 * @param intents      every intent of the domain, the reserved ones included
 * @param fallbackQuickReplies per language, the buttons offered with the bot's "I did not understand"
 * @param bundleZip    base64 of the bundle's files as a zip archive
 */
public record DomainActivatedEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String domain,
        String domainVersion,
        String modelVersion,
        List<IntentPolicy> intents,
        Map<String, List<String>> fallbackQuickReplies,
        String bundleZip) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
    /** The one key of the compacted topic: the last record is the active domain. */
    public static final String KEY = "active";

    /**
     * One intent's policy.
     *
     * @param route              {@code bot} or {@code person}
     * @param priority           LOW, NORMAL, HIGH or URGENT: the ticket's base priority
     * @param skills             skills an agent needs for it (besides the language)
     * @param personWhenNegative to a person when the customer is negative (a dispute), else the route
     * @param personForVip       always to a person for VIP customers
     * @param sensitive          when the NLU is unsure and this is one of its two best guesses, a person looks
     */
    public record IntentPolicy(String name, String description, String route, String priority, List<String> skills,
                               boolean personWhenNegative, boolean personForVip, boolean sensitive) {
        public IntentPolicy {
            Objects.requireNonNull(name, "name");
            skills = skills == null ? List.of() : List.copyOf(skills);
        }

        public boolean toPerson() {
            return "person".equals(route);
        }
    }

    public DomainActivatedEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(domainVersion, "domainVersion");
        intents = intents == null ? List.of() : List.copyOf(intents);
        fallbackQuickReplies = fallbackQuickReplies == null ? Map.of() : Map.copyOf(fallbackQuickReplies);
    }

    public static DomainActivatedEvent of(String domain, String domainVersion, String modelVersion,
                                          List<IntentPolicy> intents, Map<String, List<String>> fallbackQuickReplies,
                                          String bundleZip) {
        return new DomainActivatedEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), domain,
                domainVersion, modelVersion, intents, fallbackQuickReplies, bundleZip);
    }

    @Override
    public String conversationId() {
        return null;
    }

    @Override
    public String channelId() {
        return null;
    }

    @Override
    public String messageId() {
        return null;
    }

    @Override
    public String key() {
        return KEY;
    }
}
