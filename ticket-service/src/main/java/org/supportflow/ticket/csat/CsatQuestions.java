package org.supportflow.ticket.csat;

import java.util.List;
import java.util.Locale;

/** The rating question in the customer's language (Korean or English), with quick replies "1".."5". */
public final class CsatQuestions {

    public static final List<String> QUICK_REPLIES = List.of("1", "2", "3", "4", "5");

    private CsatQuestions() {
    }

    public static String question(String locale) {
        String language = locale == null ? "" : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        if ("ko".equals(language)) {
            return "상담은 만족스러우셨나요? 1점(매우 불만족)부터 5점(매우 만족) 중에서 골라 주세요.";
        }
        return "How satisfied are you with our support? Please rate us from 1 (very dissatisfied) to 5 (very satisfied).";
    }
}
