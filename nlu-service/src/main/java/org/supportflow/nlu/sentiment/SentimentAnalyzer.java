package org.supportflow.nlu.sentiment;

import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.nlu.text.TextNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexicon-and-rules sentiment and urgency for Korean and English (and messages that mix them).
 *
 * <p>Korean is matched on stems inside the text, so spacing does not matter ("안좋아요" = "안 좋아요").
 * A stem preceded by 안/못 or followed by -지 않/-지 못 flips (a negated positive turns negative, a negated
 * negative becomes mildly positive: "나쁘지 않아요"); 없 after a problem word cancels it ("문제없이").
 * English is matched on words with a three-word negation scope ("not happy at all", "didn't like").
 * Intensifiers (정말, 너무, 진짜, really, so, extremely...) strengthen, downtoners (좀, 약간, a bit) weaken;
 * what follows a contrast (하지만, -지만, but) counts more than what precedes it; repeated exclamation
 * marks and shouting in capitals add weight. The score is {@code tanh(sum / 2)}.
 *
 * <p>Urgency is high for explicit urgency (급해요, 당장, ASAP, urgent), safety and legal threats (다쳤어요,
 * 소송, lawyer), or for weak urgency words together with strong anger; low when the customer says there
 * is no rush, or the message is positive without any problem. Thread-safe.
 */
public final class SentimentAnalyzer {

    static final double LABEL_THRESHOLD = 0.2;

    private record Term(String stem, double weight) {
    }

    private record Hit(int start, int end, double weight) {
    }

    /** Korean stems and symbols, matched as substrings (longest first). */
    private static final List<Term> KOREAN = sortedLongestFirst(Map.ofEntries(
            // positive
            Map.entry("좋", 1.0), Map.entry("최고", 1.5), Map.entry("만족", 1.1), Map.entry("감사", 0.8),
            Map.entry("고맙", 0.8), Map.entry("고마워", 0.8), Map.entry("고마웠", 0.8), Map.entry("훌륭", 1.3),
            Map.entry("친절", 1.0), Map.entry("편리", 0.8), Map.entry("편하", 0.6), Map.entry("편해", 0.6),
            Map.entry("괜찮", 0.5), Map.entry("마음에 들", 1.1), Map.entry("맘에 들", 1.1), Map.entry("마음에들", 1.1),
            Map.entry("맘에들", 1.1), Map.entry("추천", 0.6), Map.entry("행복", 1.1), Map.entry("기쁘", 1.0),
            Map.entry("기뻐", 1.0), Map.entry("짱", 1.1), Map.entry("굿", 0.8), Map.entry("완벽", 1.3),
            Map.entry("사랑", 1.0), Map.entry("대박", 0.8), Map.entry("빨랐", 0.6), Map.entry("빠르네", 0.6),
            Map.entry("칭찬", 0.8), Map.entry("잘 됐", 0.6), Map.entry("잘됐", 0.6), Map.entry("해결됐", 0.6),
            Map.entry("해결되었", 0.6), Map.entry("깔끔", 0.8), Map.entry("예쁘", 0.8), Map.entry("이뻐", 0.8),
            Map.entry("감동", 1.3), Map.entry("든든", 0.6), Map.entry("수고", 0.5), Map.entry("도움이 됐", 0.8),
            Map.entry("도움이 되었", 0.8), Map.entry("도움 됐", 0.8),
            Map.entry("잘 받았", 0.6), Map.entry("잘받았", 0.6), Map.entry("잘 도착", 0.6), Map.entry("잘 쓰고", 0.7),
            // negative
            Map.entry("별로", -1.0), Map.entry("최악", -1.8), Map.entry("화가", -1.4), Map.entry("화나", -1.4),
            Map.entry("화납", -1.4), Map.entry("화났", -1.4), Map.entry("짜증", -1.4), Map.entry("불만", -1.2),
            Map.entry("불만족", -1.3), Map.entry("실망", -1.3), Map.entry("불편", -0.8), Map.entry("엉망", -1.4),
            Map.entry("형편없", -1.6), Map.entry("어이없", -1.5), Map.entry("어이가 없", -1.5), Map.entry("황당", -1.3),
            Map.entry("답답", -1.1), Map.entry("느려", -0.7), Map.entry("느리", -0.7), Map.entry("늦어", -0.6),
            Map.entry("늦게", -0.6), Map.entry("늦네", -0.7), Map.entry("불친절", -1.4), Map.entry("고장", -0.9),
            Map.entry("파손", -1.0), Map.entry("망가", -1.0), Map.entry("깨져", -1.0), Map.entry("깨졌", -1.0),
            Map.entry("불량", -1.0), Map.entry("싫", -1.0), Map.entry("나쁘", -1.0), Map.entry("나빠", -1.0),
            Map.entry("나쁜", -1.0), Map.entry("속상", -1.1), Map.entry("열받", -1.5), Map.entry("열 받", -1.5),
            Map.entry("빡치", -1.7), Map.entry("빡쳐", -1.7), Map.entry("분노", -1.6), Map.entry("사기꾼", -1.7),
            Map.entry("사기 치", -1.6), Map.entry("사기치", -1.6), Map.entry("사기당", -1.6), Map.entry("거짓말", -1.2),
            Map.entry("무시", -1.0), Map.entry("장난하", -1.3), Map.entry("장난치", -1.3), Map.entry("개판", -1.6),
            Map.entry("불쾌", -1.4), Map.entry("지겹", -1.0), Map.entry("후회", -1.0), Map.entry("어처구니", -1.4),
            Map.entry("한심", -1.4), Map.entry("엉터리", -1.3), Map.entry("문제", -0.5), Map.entry("안 돼", -0.5),
            Map.entry("안돼", -0.5), Map.entry("안 되", -0.5), Map.entry("안되", -0.5), Map.entry("못 받", -0.7),
            Map.entry("못받", -0.7), Map.entry("안 왔", -0.6), Map.entry("안왔", -0.6),
            Map.entry("안 와", -0.6), Map.entry("안와", -0.6), Map.entry("아직도", -0.6), Map.entry("도대체", -0.9), Map.entry("미치겠", -1.5),
            Map.entry("환장", -1.5), Map.entry("마음에 안 들", -1.2), Map.entry("맘에 안 들", -1.2),
            Map.entry("마음에 안들", -1.2), Map.entry("맘에 안들", -1.2), Map.entry("맘에안들", -1.2),
            Map.entry("마음에안들", -1.2), Map.entry("불안", -0.7), Map.entry("손해", -0.9), Map.entry("피해", -0.9),
            Map.entry("억울", -1.3), Map.entry("기분 나", -1.3), Map.entry("기분나", -1.3), Map.entry("최저", -1.0),
            Map.entry("ㅡㅡ", -0.8), Map.entry("ㅠㅠ", -0.5), Map.entry("ㅜㅜ", -0.5),
            // symbols and emoji (shared by both languages)
            Map.entry("😡", -1.6), Map.entry("😠", -1.3), Map.entry("😤", -1.0), Map.entry("🤬", -1.8),
            Map.entry("😭", -0.7), Map.entry("😢", -0.6), Map.entry("😞", -0.8), Map.entry("👎", -1.0),
            Map.entry("😊", 0.8), Map.entry("😀", 0.8), Map.entry("😄", 0.8), Map.entry("😁", 0.8),
            Map.entry("👍", 0.9), Map.entry("❤", 1.0), Map.entry("♥", 0.9), Map.entry("🥰", 1.0),
            Map.entry("^^", 0.6), Map.entry("ㅎㅎ", 0.4), Map.entry(":)", 0.6), Map.entry(":(", -0.6)));

    /** Hangul stems that only count as Korean (not checked against English words). */
    private static final Pattern KOREAN_NEGATION_AFTER = Pattern.compile("^\\S{0,3}?지\\s?(?:는\\s?|도\\s?)?(?:않|못)");
    private static final Pattern KOREAN_NONE_AFTER = Pattern.compile("^\\S{0,2}?\\s?없");
    private static final Pattern KOREAN_INTENSIFIER = Pattern.compile(
            "(정말|진짜|너무|완전|엄청|매우|아주|되게|넘|극도로|심하게|참|대단히|몹시|겁나|개)\\s?$");
    private static final Pattern KOREAN_DOWNTONER = Pattern.compile("(좀|약간|조금|살짝|다소)\\s?$");
    private static final Pattern KOREAN_REQUEST_WISH = Pattern.compile("면\\s?$");
    // The patterns below are literal alternatives (Korean anywhere, English as whole words), matched with
    // LiteralAlternatives exactly as the regex (?:k1|k2|…|(?<![a-z])(?:w1|w2|…)(?![a-z])) would, at a fraction
    // of the regex engine's cost: they run over every message.
    static final LiteralAlternatives CONTRAST = LiteralAlternatives.of(
            List.of("하지만", "그렇지만", "그런데", "근데", "그러나", "지만"),
            List.of("but", "however", "though", "although"));

    private static final Map<String, Double> ENGLISH = Map.ofEntries(
            Map.entry("good", 0.9), Map.entry("great", 1.3), Map.entry("excellent", 1.5), Map.entry("amazing", 1.5),
            Map.entry("awesome", 1.4), Map.entry("love", 1.3), Map.entry("loved", 1.3), Map.entry("happy", 1.1),
            Map.entry("glad", 0.9), Map.entry("satisfied", 1.0), Map.entry("thanks", 0.7), Map.entry("thank", 0.7),
            Map.entry("perfect", 1.3), Map.entry("helpful", 1.0), Map.entry("nice", 0.9), Map.entry("wonderful", 1.4),
            Map.entry("best", 1.2), Map.entry("pleased", 1.1), Map.entry("fantastic", 1.5), Map.entry("appreciate", 0.9),
            Map.entry("appreciated", 0.9), Map.entry("quick", 0.5), Map.entry("fast", 0.5), Map.entry("smooth", 0.6),
            Map.entry("recommend", 0.8), Map.entry("superb", 1.4), Map.entry("brilliant", 1.3),
            Map.entry("friendly", 0.9), Map.entry("impressed", 1.1), Map.entry("resolved", 0.5), Map.entry("fine", 0.4),
            Map.entry("like", 0.5), Map.entry("liked", 0.6), Map.entry("lovely", 1.2), Map.entry("outstanding", 1.5),
            Map.entry("bad", -1.0), Map.entry("terrible", -1.6), Map.entry("awful", -1.6), Map.entry("horrible", -1.6),
            Map.entry("worst", -1.8), Map.entry("angry", -1.5), Map.entry("furious", -1.8), Map.entry("upset", -1.2),
            Map.entry("disappointed", -1.3), Map.entry("disappointing", -1.3), Map.entry("unhappy", -1.2),
            Map.entry("annoyed", -1.2), Map.entry("annoying", -1.1), Map.entry("frustrated", -1.3),
            Map.entry("frustrating", -1.3), Map.entry("ridiculous", -1.4), Map.entry("unacceptable", -1.6),
            Map.entry("broken", -0.9), Map.entry("damaged", -0.9), Map.entry("late", -0.6), Map.entry("poor", -1.0),
            Map.entry("useless", -1.4), Map.entry("hate", -1.5), Map.entry("scam", -1.6), Map.entry("rude", -1.3),
            Map.entry("slow", -0.7), Map.entry("wrong", -0.7), Map.entry("missing", -0.6), Map.entry("lost", -0.6),
            Map.entry("complain", -0.8), Map.entry("complaint", -0.8), Map.entry("disgusted", -1.6),
            Map.entry("disgusting", -1.6), Map.entry("sucks", -1.4), Map.entry("waste", -1.2), Map.entry("mad", -1.3),
            Map.entry("pathetic", -1.6), Map.entry("incompetent", -1.6), Map.entry("problem", -0.4),
            Map.entry("fail", -0.8), Map.entry("failed", -0.8), Map.entry("cheated", -1.5), Map.entry("fraud", -1.5),
            Map.entry("outrageous", -1.6), Map.entry("nightmare", -1.4), Map.entry("lied", -1.2),
            Map.entry("liar", -1.3), Map.entry("stupid", -1.3), Map.entry("delayed", -0.6), Map.entry("defective", -1.0),
            Map.entry("disaster", -1.5), Map.entry("horrendous", -1.7), Map.entry("shame", -1.0),
            Map.entry("unbelievable", -0.8), Map.entry("sick", -0.8), Map.entry("tired", -0.7));
    private static final Set<String> ENGLISH_NEGATORS = Set.of("not", "no", "never", "without", "hardly",
            "neither", "nor", "nothing", "cannot", "cant", "dont", "didnt", "isnt", "wasnt", "wont", "doesnt", "arent",
            "havent", "hasnt", "werent", "couldnt", "wouldnt", "shouldnt", "aint");
    private static final Set<String> ENGLISH_INTENSIFIERS = Set.of("very", "really", "so", "extremely", "super",
            "totally", "absolutely", "incredibly", "completely", "utterly", "too", "highly", "truly", "seriously",
            "deeply", "terribly", "most");
    private static final Set<String> ENGLISH_DOWNTONERS = Set.of("slightly", "somewhat", "bit", "little", "kinda",
            "fairly", "rather", "quite");
    private static final Pattern ENGLISH_WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");

    static final LiteralAlternatives STRONG_URGENCY = LiteralAlternatives.of(
            List.of("긴급", "급해", "급합", "급하게", "급한", "당장", "즉시", "응급", "지금 바로", "최대한 빨리", "한시가", "위험",
                    "다쳤", "다칠", "부상", "화재", "불이 났", "연기가", "감전", "폭발", "소송", "고소", "신고", "경찰", "소비자원",
                    "변호사", "언론"),
            List.of("urgent", "urgently", "asap", "immediately", "emergency", "right now", "right away",
                    "as soon as possible", "dangerous", "danger", "injured", "injury", "hurt", "fire", "smoke",
                    "electric shock", "lawsuit", "sue", "lawyer", "attorney", "police", "consumer agency"));
    static final LiteralAlternatives WEAK_URGENCY = LiteralAlternatives.of(
            List.of("빨리", "얼른", "서둘러", "오늘 안", "오늘까지", "오늘 중", "내일까지", "빠르게"),
            List.of("quickly", "hurry", "soon", "today", "tonight", "by tomorrow", "still waiting", "waiting for days"));
    static final LiteralAlternatives RELAXED = LiteralAlternatives.of(
            List.of("급하지 않", "급하진 않", "안 급", "안급", "급한 건 아니", "급한건 아니", "천천히", "시간 나실 때", "여유 있을 때"),
            List.of("not urgent", "no rush", "no hurry", "whenever", "take your time", "when you can",
                    "at your convenience", "not in a hurry"));
    static final LiteralAlternatives PROBLEM = LiteralAlternatives.of(
            List.of("안 와", "안와", "안 돼", "안돼", "안되", "오류", "에러", "문제", "고장", "파손", "불량", "환불", "취소", "누락",
                    "분실", "잘못"),
            List.of("not working", "error", "problem", "issue", "broken", "refund", "cancel", "missing", "lost", "wrong",
                    "damaged"));

    private static final Pattern SHOUTED = Pattern.compile("\\b[A-Z]{3,}\\b");
    private static final Set<String> NOT_SHOUTING = Set.of("ASAP", "USD", "KRW", "ID", "SMS", "URL", "FAQ", "VIP");

    public SentimentResult analyze(String text) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return new SentimentResult(SentimentLabel.NEUTRAL, 0.0, Urgency.NORMAL);
        }
        List<Hit> hits = new ArrayList<>();
        koreanHits(normalized, hits);
        englishHits(normalized, hits);
        int contrast = lastContrast(normalized);
        double sum = 0;
        for (Hit hit : hits) {
            double w = hit.weight();
            if (contrast >= 0) {
                w *= hit.start() < contrast ? 0.6 : 1.3;
            }
            sum += w;
        }
        sum *= emphasis(text, normalized, sum);
        double score = Math.tanh(sum / 2.0);
        score = Math.round(score * 1000) / 1000.0;
        SentimentLabel label = score <= -LABEL_THRESHOLD ? SentimentLabel.NEGATIVE
                : score >= LABEL_THRESHOLD ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        return new SentimentResult(label, score, urgency(normalized, score));
    }

    private static void koreanHits(String s, List<Hit> hits) {
        boolean[] used = new boolean[s.length()];
        for (Term term : KOREAN) {
            int from = 0;
            int at;
            while ((at = s.indexOf(term.stem(), from)) >= 0) {
                int end = at + term.stem().length();
                from = at + 1;
                if (anyUsed(used, at, end)) {
                    continue;
                }
                String before = s.substring(Math.max(0, at - 8), at);
                String after = s.substring(end, Math.min(s.length(), end + 8));
                double w = term.weight();
                if (w > 0 && "좋".equals(term.stem()) && KOREAN_REQUEST_WISH.matcher(before).find()) {
                    continue; // "…으면 좋겠어요" is a wish, not praise
                }
                boolean negatedBefore = before.endsWith("안 ") || before.endsWith("안") || before.endsWith("못 ")
                        || before.endsWith("못");
                if (negatedBefore && !term.stem().startsWith("안") && !term.stem().startsWith("못")
                        && !before.endsWith("불안")) {
                    w = w > 0 ? -0.9 * w : -0.5 * w;
                } else if (KOREAN_NEGATION_AFTER.matcher(after).find()) {
                    w = w > 0 ? -0.9 * w : -0.5 * w;
                } else if (w < 0 && KOREAN_NONE_AFTER.matcher(after).find()) {
                    w = -0.3 * w;
                }
                if (KOREAN_INTENSIFIER.matcher(before).find()) {
                    w *= 1.6;
                } else if (KOREAN_DOWNTONER.matcher(before).find()) {
                    w *= 0.6;
                }
                for (int i = at; i < end; i++) {
                    used[i] = true;
                }
                hits.add(new Hit(at, end, w));
            }
        }
    }

    private static void englishHits(String s, List<Hit> hits) {
        Matcher m = ENGLISH_WORD.matcher(s);
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        while (m.find()) {
            words.add(m.group().replace("'", ""));
            spans.add(new int[]{m.start(), m.end()});
        }
        for (int i = 0; i < words.size(); i++) {
            Double base = ENGLISH.get(words.get(i));
            if (base == null) {
                continue;
            }
            double w = base;
            boolean negated = false;
            for (int k = Math.max(0, i - 3); k < i; k++) {
                if (ENGLISH_NEGATORS.contains(words.get(k))) {
                    negated = true;
                }
            }
            if (negated) {
                boolean atAll = i + 2 < words.size() && words.get(i + 1).equals("at") && words.get(i + 2).equals("all");
                w = w > 0 ? -0.9 * w : -0.5 * w;
                if (atAll) {
                    w *= 1.6;
                }
            }
            if (i > 0 && ENGLISH_INTENSIFIERS.contains(words.get(i - 1))
                    || i > 1 && ENGLISH_INTENSIFIERS.contains(words.get(i - 2)) && !negated) {
                w *= 1.6;
            } else if (i > 0 && ENGLISH_DOWNTONERS.contains(words.get(i - 1))) {
                w *= 0.6;
            }
            hits.add(new Hit(spans.get(i)[0], spans.get(i)[1], w));
        }
    }

    private static int lastContrast(String s) {
        return CONTRAST.lastStart(s);
    }

    /** Repeated '!' and shouting (several words in capitals) strengthen whatever the message says. */
    private static double emphasis(String original, String normalized, double sum) {
        double factor = 1.0;
        if (normalized.contains("!!") || normalized.contains("?!")) {
            factor *= 1.25;
        }
        Matcher caps = SHOUTED.matcher(original);
        int shouted = 0;
        while (caps.find()) {
            if (!NOT_SHOUTING.contains(caps.group())) {
                shouted++;
            }
        }
        if (shouted >= 2 && sum < 0) {
            factor *= 1.3;
        }
        return factor;
    }

    private static Urgency urgency(String s, double score) {
        if (RELAXED.foundIn(s)) {
            return Urgency.LOW;
        }
        double points = 2.0 * STRONG_URGENCY.count(s) + WEAK_URGENCY.count(s);
        if (score <= -0.75) {
            points += 1;
        }
        if (s.contains("!!")) {
            points += 0.5;
        }
        if (points >= 2) {
            return Urgency.HIGH;
        }
        if (points == 0 && score >= 0.3 && !PROBLEM.foundIn(s)) {
            return Urgency.LOW;
        }
        return Urgency.NORMAL;
    }

    private static boolean anyUsed(boolean[] used, int start, int end) {
        for (int i = start; i < end; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }

    private static List<Term> sortedLongestFirst(Map<String, Double> entries) {
        List<Term> terms = new ArrayList<>();
        entries.forEach((stem, weight) -> terms.add(new Term(stem, weight)));
        terms.sort(Comparator.comparingInt((Term t) -> t.stem().length()).reversed().thenComparing(Term::stem));
        return List.copyOf(terms);
    }
}
