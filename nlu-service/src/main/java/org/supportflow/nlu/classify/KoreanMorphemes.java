package org.supportflow.nlu.classify;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Korean morphemes from Lucene's Nori analyser (mecab-ko-dic): content morphemes with particles and
 * endings removed, compound nouns split as well as kept. Robust to missing spaces, which is what
 * chat messages need ("배송현황좀알려주세요" → 배송, 현황, 알리, ...). Thread-safe: the analyser reuses
 * one token stream per thread.
 */
public final class KoreanMorphemes implements AutoCloseable {

    private final Analyzer analyzer = new KoreanAnalyzer();

    public List<String> morphemes(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
