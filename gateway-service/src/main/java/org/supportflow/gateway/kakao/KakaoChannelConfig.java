package org.supportflow.gateway.kakao;

import java.time.Duration;

/** {@code gateway.channels.<id>.kakao.*}: settings of a KakaoTalk channel (type {@code kakao}). */
public interface KakaoChannelConfig {

    /** How long the skill waits for the bot's answer before it answers with {@code useCallback} (Kakao waits 5 s). */
    @io.smallrye.config.WithDefault("PT3.5S")
    Duration replyBudget();
}
