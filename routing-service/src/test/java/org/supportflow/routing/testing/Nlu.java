package org.supportflow.routing.testing;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import java.util.ArrayList;
import java.util.List;

/** Builds NLU results for tests: a confident, neutral, non-urgent Korean reading with an answer by default. */
public final class Nlu {

    private String language = "ko";
    private String intent = "order_status";
    private double confidence = 0.92;
    private String runnerUp = "shipping_info";
    private double runnerUpConfidence = 0.03;
    private SentimentLabel sentiment = SentimentLabel.NEUTRAL;
    private double sentimentScore = 0.1;
    private Urgency urgency = Urgency.NORMAL;
    private NluResult.BotAnswer answer = new NluResult.BotAnswer("order_status.ko", "주문 조회는 마이페이지에서 하실 수 있어요.",
            List.of("주문 조회", "배송 안내"));

    public static Nlu intent(String intent) {
        Nlu nlu = new Nlu();
        nlu.intent = intent;
        return nlu;
    }

    public Nlu language(String value) {
        this.language = value;
        return this;
    }

    public Nlu confidence(double value) {
        this.confidence = value;
        return this;
    }

    public Nlu runnerUp(String intent, double confidence) {
        this.runnerUp = intent;
        this.runnerUpConfidence = confidence;
        return this;
    }

    public Nlu sentiment(SentimentLabel label, double score) {
        this.sentiment = label;
        this.sentimentScore = score;
        return this;
    }

    public Nlu urgency(Urgency value) {
        this.urgency = value;
        return this;
    }

    public Nlu answer(String text, String... quickReplies) {
        this.answer = text == null ? null : new NluResult.BotAnswer(intent + ".answer", text, List.of(quickReplies));
        return this;
    }

    public Nlu noAnswer() {
        this.answer = null;
        return this;
    }

    public NluResult build() {
        List<NluResult.IntentScore> ranking = new ArrayList<>();
        ranking.add(new NluResult.IntentScore(intent, confidence));
        if (runnerUp != null) {
            ranking.add(new NluResult.IntentScore(runnerUp, runnerUpConfidence));
        }
        return new NluResult(language, intent, confidence, ranking, sentiment, sentimentScore, urgency, List.of(),
                "masked", answer, "test-model");
    }
}
