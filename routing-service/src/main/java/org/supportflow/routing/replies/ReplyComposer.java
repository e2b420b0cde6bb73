package org.supportflow.routing.replies;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent.Kind;
import org.supportflow.contracts.taxonomy.Author;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bot's replies in the customer's language: a knowledge-base answer with a follow-up offer, a
 * fallback, a handoff notice, and the after-hours notice saying when agents are back.
 */
public final class ReplyComposer {

    /** One language's templates. */
    public record Templates(String followUp, String fallback, List<String> fallbackQuickReplies, String handoff,
                            String afterHours, String afterHoursUnknown, DateTimeFormatter nextOpeningFormat) {
        public Templates {
            Objects.requireNonNull(followUp, "followUp");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(handoff, "handoff");
            Objects.requireNonNull(afterHours, "afterHours");
            Objects.requireNonNull(afterHoursUnknown, "afterHoursUnknown");
            Objects.requireNonNull(nextOpeningFormat, "nextOpeningFormat");
            fallbackQuickReplies = List.copyOf(fallbackQuickReplies);
        }
    }

    private final Map<String, Templates> byLanguage;
    private final String defaultLanguage;
    private volatile Map<String, List<String>> domainQuickReplies = Map.of();

    public ReplyComposer(Map<String, Templates> byLanguage, String defaultLanguage) {
        this.byLanguage = byLanguage.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> normalize(e.getKey()), Map.Entry::getValue));
        this.defaultLanguage = normalize(defaultLanguage);
        if (!this.byLanguage.containsKey(this.defaultLanguage)) {
            throw new IllegalArgumentException("no reply templates for the default language " + defaultLanguage);
        }
    }

    public static ReplyComposer from(RepliesConfig config) {
        Map<String, Templates> templates = config.languages().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> {
                    RepliesConfig.Language l = e.getValue();
                    Locale locale = Locale.forLanguageTag(e.getKey());
                    return new Templates(l.followUp(), l.fallback(), l.fallbackQuickReplies(), l.handoff(),
                            l.afterHours(), l.afterHoursUnknown(),
                            DateTimeFormatter.ofPattern(l.nextOpeningFormat(), locale));
                }));
        return new ReplyComposer(templates, config.defaultLanguage());
    }

    /**
     * The language to reply in: the message's language when there are templates for it, else the
     * customer's locale's language, else the default.
     */
    public String languageFor(String messageLanguage, String customerLocale) {
        String message = normalize(messageLanguage);
        if (byLanguage.containsKey(message)) {
            return message;
        }
        String fromLocale = customerLocale == null ? "" : normalize(Locale.forLanguageTag(customerLocale).getLanguage());
        return byLanguage.containsKey(fromLocale) ? fromLocale : defaultLanguage;
    }

    /** The knowledge-base answer with the follow-up offer; requires {@code nlu.answer()}. */
    public Reply answer(NluResult nlu, String language) {
        NluResult.BotAnswer answer = Objects.requireNonNull(nlu.answer(), "answer");
        String text = answer.text().strip() + "\n\n" + templates(language).followUp();
        return new Reply(Author.BOT, Kind.ANSWER, text, answer.quickReplies());
    }

    public Reply fallback(String language) {
        Templates t = templates(language);
        List<String> domainButtons = domainQuickReplies.get(resolve(language));
        return new Reply(Author.BOT, Kind.FALLBACK, t.fallback(),
                domainButtons != null ? domainButtons : t.fallbackQuickReplies());
    }

    /** The fallback's quick replies per language from the active domain (the configured ones elsewhere). */
    public void useDomain(org.supportflow.routing.domain.DomainPolicy domain) {
        this.domainQuickReplies = domain.fallbackQuickReplies().entrySet().stream().collect(
                Collectors.toUnmodifiableMap(e -> normalize(e.getKey()), e -> List.copyOf(e.getValue())));
    }

    public Reply handoff(String language) {
        return new Reply(Author.SYSTEM, Kind.HANDOFF_NOTICE, templates(language).handoff(), List.of());
    }

    /** The after-hours notice; {@code nextOpening} is in the business-hours time zone. */
    public Reply afterHours(String language, Optional<ZonedDateTime> nextOpening) {
        Templates t = templates(language);
        String text = nextOpening
                .map(next -> t.afterHours().replace("{next}", t.nextOpeningFormat().format(next)))
                .orElse(t.afterHoursUnknown());
        return new Reply(Author.SYSTEM, Kind.AFTER_HOURS_NOTICE, text, List.of());
    }

    private String resolve(String language) {
        String tag = normalize(language);
        return byLanguage.containsKey(tag) ? tag : defaultLanguage;
    }

    private Templates templates(String language) {
        return byLanguage.getOrDefault(normalize(language), byLanguage.get(defaultLanguage));
    }

    private static String normalize(String language) {
        if (language == null) {
            return "";
        }
        String tag = language.trim().toLowerCase(Locale.ROOT);
        int dash = tag.indexOf('-');
        return dash > 0 ? tag.substring(0, dash) : tag;
    }
}
