package org.supportflow.routing.actions;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One action of the active domain bundle ({@code intents[].action} of {@code domain.json}): an HTTP call to the
 * company's system that answers the intent, the slots it needs, the question asked for a missing slot and the
 * answer templates, per language. The bundle names the system only ({@code system}); its base URL and headers
 * (credentials) come from routing's configuration, never from the bundle.
 *
 * @param name      the action's name (metrics, logs), unique in the bundle
 * @param intent    the intent it answers
 * @param system    the system it calls: {@code routing.actions.systems.<system>.base-url} and {@code .headers.*}
 * @param method    GET or POST (read-only actions are GET: a crash between call and commit may call again)
 * @param path      the URL path template appended to the base URL; {@code {slot}} is the slot's value, URL-encoded
 * @param timeout   the call's timeout (capped by routing's {@code routing.actions.max-timeout})
 * @param identity  whether the caller must have a verified identity (account data)
 * @param onFailure what a failed call leads to: an honest answer only, or that answer and a handoff
 */
public record ActionSpec(String name, String intent, String system, String method, String path, Duration timeout,
                         Identity identity, OnFailure onFailure, List<Slot> slots,
                         Map<String, Answers> answers) {

    public enum Identity { NONE, VERIFIED }

    public enum OnFailure { ANSWER, HANDOFF }

    /**
     * A value the action needs.
     *
     * @param name    the placeholder in the path
     * @param entity  the NLU entity type that fills it ({@code order_number}); its value must match the pattern
     * @param pattern the validation pattern, also looked for in the message's text (the first group, or the
     *                whole match, is the value): a message holding only the number fills the slot
     * @param ask     per language, the question asked when the slot is missing
     */
    public record Slot(String name, String entity, Pattern pattern, Map<String, String> ask) {
        public Slot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            ask = Map.copyOf(ask);
        }

        /** The placeholder the slot's value is masked with in what routing publishes: {@code [ORDER_NUMBER]}. */
        public String placeholder() {
            return "[" + (entity == null ? name : entity).toUpperCase(Locale.ROOT) + "]";
        }
    }

    /**
     * One language's texts.
     *
     * @param ok       the answer for a 2xx JSON response: {@code {field.path}} placeholders from the response
     * @param byStatus answers for other statuses the system uses meaningfully (404: no such order)
     * @param missing  when a field of {@code ok} is missing or null in the response
     * @param failed   when the system fails (timeout, 5xx, malformed response, circuit open)
     * @param identity when the action needs a verified identity and the customer has none
     */
    public record Answers(String ok, Map<Integer, String> byStatus, String missing, String failed, String identity) {
        public Answers {
            Objects.requireNonNull(ok, "ok");
            byStatus = Map.copyOf(byStatus);
        }
    }

    public ActionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(intent, "intent");
        slots = List.copyOf(slots);
        answers = Map.copyOf(answers);
    }

    /** The texts of a language, else of the first language declared. */
    public Answers answersIn(String language) {
        Answers a = answers.get(language);
        return a != null ? a : answers.get(new java.util.TreeSet<>(answers.keySet()).first());
    }

    public Optional<Slot> slot(String slotName) {
        return slots.stream().filter(s -> s.name().equals(slotName)).findFirst();
    }
}
