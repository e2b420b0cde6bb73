package org.supportflow.contracts.taxonomy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The reserved intents: the few the platform itself relies on, whatever the company's domain. Every other
 * intent (a shop's {@code order_status}, a telecom operator's {@code roaming}) comes from the active domain
 * bundle and is never named in code. Events carry intent names as plain strings ({@link #wireName()}).
 *
 * <ul>
 *   <li>{@code out_of_scope}: the classifier's refusal; answered by the bot's fallback, a human after repeated
 *       misses.</li>
 *   <li>{@code human_agent}: the customer asks for a person; always a handoff with reason {@code requested}.</li>
 * </ul>
 * Every bundle must declare both, with these routes.
 */
public enum Intent {
    OUT_OF_SCOPE("out_of_scope", DefaultRoute.BOT),
    HUMAN_AGENT("human_agent", DefaultRoute.HUMAN);

    /** Where an intent goes when no other rule applies. */
    public enum DefaultRoute { BOT, HUMAN }

    /** An intent name: lower-case letters, digits and underscores, starting with a letter, at most 48 long. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private static final Map<String, Intent> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Intent::wireName, Function.identity()));

    private final String wireName;
    private final DefaultRoute defaultRoute;

    Intent(String wireName, DefaultRoute defaultRoute) {
        this.wireName = wireName;
        this.defaultRoute = defaultRoute;
    }

    public String wireName() {
        return wireName;
    }

    public DefaultRoute defaultRoute() {
        return defaultRoute;
    }

    public static Optional<Intent> fromWireName(String wireName) {
        return Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
    }

    /** Whether the name is one of the reserved intents. */
    public static boolean isReserved(String wireName) {
        return fromWireName(wireName).isPresent();
    }

    /** Whether the text is a well-formed intent name (of any domain). */
    public static boolean isWellFormedName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
