package org.supportflow.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.nlu.entities.EntityExtractor;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.kb.KnowledgeBaseLoader;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelManager;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.pipeline.NluPipeline;
import org.supportflow.nlu.sentiment.SentimentAnalyzer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One full classification through {@link NluPipeline} (PII masking, entities, language, intent with
 * ranking and refusal, sentiment and urgency, knowledge-base answer), with the production model trained
 * from the shipped data (stored under {@code target/jmh-models}, so later runs load it). Korean messages
 * use the lexical model only; English ones also run the MiniLM sentence encoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassificationBenchmark {

    private static final List<String> KOREAN = List.of(
            "배송현황좀알려주세요 주문번호 2024112312345",
            "환불 언제 들어오나요? 카드 4111-1111-1111-1111 로 결제했어요",
            "상담원 연결해 주세요 정말 화가 납니다",
            "쿠폰 적용이 안 돼요 ㅠㅠ 연락처 010-1234-5678",
            "안녕하세요",
            "사이즈 교환하고 싶은데 어떻게 해요");
    private static final List<String> ENGLISH = List.of(
            "Where is my order ORD-20241123-0042? It was due yesterday",
            "I was charged twice, $49.99 each, please fix this ASAP",
            "can I talk to a real person please",
            "Do you ship to Jeju island and how much is it?",
            "hello",
            "My email is kim@example.com, I can't log in");

    @Param({"ko", "en"})
    public String language;

    private NluPipeline pipeline;
    private List<String> messages;

    /** Each benchmark thread walks the messages on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KoreanMorphemes morphemes = new KoreanMorphemes();
        PiiMasker masker = new PiiMasker();
        List<LabeledText> base = new ArrayList<>(TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
        base.addAll(TrainingData.fromClasspath("domains/shop/train-en.tsv"));
        Path dir = Path.of("target/jmh-models").toAbsolutePath();
        ModelManager manager = new ModelManager(new ModelStore(dir), new IntentTrainer(morphemes), morphemes, base,
                new ModelManager.Heldout(Map.of("ko", TrainingData.fromClasspath("domains/shop/heldout-ko.tsv"),
                        "en", TrainingData.fromClasspath("domains/shop/heldout-en.tsv"))),
                new FeedbackStore(dir, masker), TrainerConfig.DEFAULT, 3,
                Clock.systemUTC());
        IntentModel model = manager.bootstrap();
        KnowledgeBase kb = new KnowledgeBaseLoader().loadClasspath();
        pipeline = new NluPipeline(LanguageDetector.fromClasspath("ko"), () -> model, new SentimentAnalyzer(),
                new EntityExtractor(masker), masker, () -> kb, 5);
        messages = "ko".equals(language) ? KOREAN : ENGLISH;
    }

    @Benchmark
    public void classify(Cursor cursor, Blackhole blackhole) {
        String text = messages.get(cursor.next++ % messages.size());
        NluResult result = pipeline.analyze(text, null);
        blackhole.consume(result);
    }
}
