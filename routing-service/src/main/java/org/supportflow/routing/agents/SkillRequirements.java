package org.supportflow.routing.agents;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The skills an agent needs for a conversation: its language (a staffed one), and the skills the active domain
 * gives its intent.
 */
public final class SkillRequirements {

    private final boolean requireLanguage;
    private final String defaultLanguage;
    private final Set<String> staffedLanguages;
    private volatile Map<String, Set<String>> intentSkills;

    /**
     * @param staffedLanguages languages agents are staffed for; a message in another language (or none)
     *                         needs {@code defaultLanguage}, so that it is not stranded in the queue
     */
    public SkillRequirements(boolean requireLanguage, String defaultLanguage, Set<String> staffedLanguages,
                             Map<String, String> intentSkills) {
        this.requireLanguage = requireLanguage;
        this.defaultLanguage = normalize(defaultLanguage);
        this.staffedLanguages = staffedLanguages.stream().map(SkillRequirements::languageOf)
                .collect(Collectors.toUnmodifiableSet());
        this.intentSkills = intentSkills.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.of(normalize(e.getValue()))));
    }

    /** The configuration: languages only; the skills each intent needs come from the active domain. */
    public static SkillRequirements from(AgentsConfig config) {
        return new SkillRequirements(config.requireLanguage(), config.defaultLanguage(), config.languages(),
                Map.of());
    }

    /** The skills each intent needs, from the active domain. */
    public void useDomain(org.supportflow.routing.domain.DomainPolicy domain) {
        this.intentSkills = domain.skills().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(SkillRequirements::normalize)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet())));
    }

    public Set<String> requiredFor(String language, String intent) {
        Set<String> skills = new LinkedHashSet<>();
        if (requireLanguage) {
            String lang = languageOf(language);
            skills.add(staffedLanguages.contains(lang) ? lang : defaultLanguage);
        }
        if (intent != null) {
            skills.addAll(intentSkills.getOrDefault(intent, Set.of()));
        }
        return Set.copyOf(skills);
    }

    /** Skills compare case-insensitively; a language tag counts by its language ({@code ko-KR} = {@code ko}). */
    public static String normalize(String skill) {
        if (skill == null) {
            return "";
        }
        return skill.trim().toLowerCase(Locale.ROOT);
    }

    static String languageOf(String tag) {
        String normalized = normalize(tag);
        int dash = normalized.indexOf('-');
        return dash > 0 ? normalized.substring(0, dash) : normalized;
    }
}
