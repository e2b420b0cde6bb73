package org.supportflow.nlu.domain;

import org.supportflow.nlu.classify.Evaluation;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentPrediction;
import org.supportflow.nlu.classify.LabeledText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model does on a bundle's held-out examples: accuracy per language, precision / recall / F1 per
 * intent, the most frequent confusions, and the refusal figures (how much out-of-scope text is refused, how
 * much in-scope text is refused by mistake).
 */
public record DomainReport(
        String modelVersion,
        int examples,
        double accuracy,
        Map<String, Language> languages,
        List<IntentFigures> intents,
        List<Confusion> confusions,
        Refusals refusals) {

    public record Language(int examples, double accuracy, double macroF1) {
    }

    public record IntentFigures(String intent, int support, double precision, double recall, double f1) {
    }

    public record Confusion(String gold, String predicted, int count) {
    }

    /**
     * @param outOfScopeExamples held-out examples labelled out_of_scope
     * @param outOfScopeRecall   share of them the model refused (answered out_of_scope)
     * @param falseRefusalRate   share of in-scope examples the model refused
     */
    public record Refusals(int outOfScopeExamples, double outOfScopeRecall, int inScopeExamples,
                           double falseRefusalRate) {
    }

    public static DomainReport of(IntentModel model, Map<String, List<LabeledText>> heldout) {
        Evaluation all = new Evaluation();
        Map<String, Language> languages = new LinkedHashMap<>();
        int oos = 0;
        int oosRefused = 0;
        int inScope = 0;
        int falseRefusals = 0;
        for (Map.Entry<String, List<LabeledText>> entry : heldout.entrySet()) {
            Evaluation eval = new Evaluation();
            for (LabeledText example : entry.getValue()) {
                String predicted = model.classify(example.text(), 1).intent();
                eval.add(example.intent(), predicted);
                all.add(example.intent(), predicted);
                boolean refused = IntentPrediction.OUT_OF_SCOPE.equals(predicted);
                if (IntentPrediction.OUT_OF_SCOPE.equals(example.intent())) {
                    oos++;
                    oosRefused += refused ? 1 : 0;
                } else {
                    inScope++;
                    falseRefusals += refused ? 1 : 0;
                }
            }
            languages.put(entry.getKey(), new Language(eval.total(), round(eval.accuracy()), round(eval.macroF1())));
        }
        List<IntentFigures> intents = all.perIntent().stream().map(p -> new IntentFigures(p.intent(), p.support(),
                round(p.precision()), round(p.recall()), round(p.f1()))).toList();
        List<Confusion> confusions = all.topConfusions(20).stream()
                .map(c -> new Confusion(c.gold(), c.predicted(), c.count())).toList();
        return new DomainReport(model.version(), all.total(), round(all.accuracy()), languages, intents, confusions,
                new Refusals(oos, oos == 0 ? 0.0 : round((double) oosRefused / oos), inScope,
                        inScope == 0 ? 0.0 : round((double) falseRefusals / inScope)));
    }

    /** The languages whose accuracy is below the floor (empty when the report clears it). */
    public List<String> belowFloor(double floor) {
        return languages.entrySet().stream().filter(e -> e.getValue().accuracy() + 1e-9 < floor)
                .map(e -> e.getKey() + " " + e.getValue().accuracy()).toList();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
