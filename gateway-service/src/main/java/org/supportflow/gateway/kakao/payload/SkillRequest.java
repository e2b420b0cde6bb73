package org.supportflow.gateway.kakao.payload;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What the gateway takes from an Open Builder SkillPayload.
 *
 * @param botUserKey  {@code userRequest.user.id}: the user, stable per bot
 * @param locale      {@code userRequest.lang} as a language tag ({@code kr} becomes {@code ko}), if sent
 * @param language    the language of the gateway's own texts: the locale's, else guessed from the utterance
 * @param callbackUrl {@code userRequest.callbackUrl}: present only on blocks with the AI chatbot callback
 * @param blockName   {@code userRequest.block.name}, if sent
 * @param intentName  {@code intent.name}, if sent
 */
public record SkillRequest(String utterance, String botUserKey, Optional<String> locale, Locale language,
                           Optional<URI> callbackUrl, Optional<String> blockName, Optional<String> intentName) {
}
