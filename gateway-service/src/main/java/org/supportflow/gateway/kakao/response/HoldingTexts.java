package org.supportflow.gateway.kakao.response;

import java.util.Locale;

/** The gateway's own short texts when the answer is not ready in time, in the customer's language. */
public final class HoldingTexts {

    private HoldingTexts() {
    }

    /** Shown while Kakao waits for the callback (up to a minute). */
    public static String preparing(Locale language) {
        return korean(language) ? "답변을 준비하고 있어요. 잠시만 기다려 주세요."
                : "We are preparing your answer. One moment, please.";
    }

    /** When no callback is possible: the answer comes later (Event API or with the next message). */
    public static String received(Locale language) {
        return korean(language) ? "메시지를 잘 받았어요. 답변이 준비되는 대로 전해 드릴게요."
                : "We received your message. The answer will follow.";
    }

    private static boolean korean(Locale language) {
        return !"en".equals(language.getLanguage());
    }
}
