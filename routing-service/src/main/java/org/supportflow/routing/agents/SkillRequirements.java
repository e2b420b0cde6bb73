package org.supportflow.routing.agents;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The skills an agent needs for a conversation: its language (a staffed one), and a skill per intent where
 * configured.
 */
public final class SkillRequirements {

    private final boolean requireLanguage;
    private final String defaultLanguage;
    private final Set<String> staffedLanguages;
    private final Map<String, String> intentSkills;

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
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> normalize(e.getValue())));
    }

    public static SkillRequirements from(AgentsConfig config) {
        return new SkillRequirements(config.requireLanguage(), config.defaultLanguage(), config.languages(),
                config.intentSkills());
    }

    public Set<String> requiredFor(String language, String intent) {
        Set<String> skills = new LinkedHashSet<>();
        if (requireLanguage) {
            String lang = languageOf(language);
            skills.add(staffedLanguages.contains(lang) ? lang : defaultLanguage);
        }
        if (intent != null && intentSkills.containsKey(intent)) {
            skills.add(intentSkills.get(intent));
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
