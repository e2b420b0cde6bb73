package org.supportflow.nlu.sentiment;

import org.junit.jupiter.api.Test;
import org.supportflow.nlu.TestModels;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.text.TextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentiment analyser's literal matchers find exactly what the regular expressions they replaced found
 * (kept here, verbatim, as the reference): on every shipped training and held-out message and on random
 * texts assembled from the phrases, their pieces and what may surround them.
 */
class LiteralAlternativesTest {

    private static final String STRONG = "(긴급|급해|급합|급하게|급한|당장|즉시|응급|지금 바로|최대한 빨리|한시가|위험|다쳤|다칠|부상|화재|불이 났|연기가|감전|폭발|"
            + "소송|고소|신고|경찰|소비자원|변호사|언론|"
            + "(?<![a-z])(?:urgent|urgently|asap|immediately|emergency|right now|right away|as soon as possible|"
            + "dangerous|danger|injured|injury|hurt|fire|smoke|electric shock|lawsuit|sue|lawyer|attorney|police|"
            + "consumer agency)(?![a-z]))";
    private static final String WEAK = "(빨리|얼른|서둘러|오늘 안|오늘까지|오늘 중|내일까지|빠르게|"
            + "(?<![a-z])(?:quickly|hurry|soon|today|tonight|by tomorrow|still waiting|waiting for days)(?![a-z]))";
    private static final String RELAXED = "(급하지 않|급하진 않|안 급|안급|급한 건 아니|급한건 아니|천천히|시간 나실 때|여유 있을 때|"
            + "(?<![a-z])(?:not urgent|no rush|no hurry|whenever|take your time|when you can|"
            + "at your convenience|not in a hurry)(?![a-z]))";
    private static final String PROBLEM = "(안 와|안와|안 돼|안돼|안되|오류|에러|문제|고장|파손|불량|환불|취소|누락|분실|잘못|"
            + "(?<![a-z])(?:not working|error|problem|issue|broken|refund|cancel|missing|lost|wrong|damaged)(?![a-z]))";
    private static final String CONTRAST =
            "(?:하지만|그렇지만|그런데|근데|그러나|지만|(?<![a-z])(?:but|however|though|although)(?![a-z]))";

    @Test
    void findsWhatTheRegularExpressionsFound() {
        List<String> texts = new ArrayList<>();
        List<LabeledText> all = new ArrayList<>(TestModels.trainingData());
        TestModels.heldout().values().forEach(all::addAll);
        all.forEach(e -> texts.add(TextNormalizer.normalize(e.text())));
        String[] pieces = {"급", "급하", "급하게", "안 ", "안", "지만", "하지만", "but", "butter", "abut", "urgent", "urgently",
            "sue", "issue", "fire", "fired", "today", "todays", "no rush", "not ", "right now", "a", "z", " ", ".", "'",
            "오늘 안", "오늘", "까지", "천천히", "문제", "에러", "cancel", "cancelled", "lost", "lawyer", "consumer agency"};
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            assertThat(SentimentAnalyzer.STRONG_URGENCY.count(text)).as(text).isEqualTo(count(STRONG, text));
            assertThat(SentimentAnalyzer.WEAK_URGENCY.count(text)).as(text).isEqualTo(count(WEAK, text));
            assertThat(SentimentAnalyzer.RELAXED.foundIn(text)).as(text)
                    .isEqualTo(Pattern.compile(RELAXED).matcher(text).find());
            assertThat(SentimentAnalyzer.PROBLEM.foundIn(text)).as(text)
                    .isEqualTo(Pattern.compile(PROBLEM).matcher(text).find());
            assertThat(SentimentAnalyzer.CONTRAST.lastStart(text)).as(text).isEqualTo(lastStart(CONTRAST, text));
        }
    }

    private static int count(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int lastStart(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int last = -1;
        while (m.find()) {
            last = m.start();
        }
        return last;
    }
}
