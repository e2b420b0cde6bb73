package org.supportflow.nlu.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    @Test
    void normalisesCaseWidthAndSpaces() {
        assertThat(TextNormalizer.normalize("  Ｗhere\t is\n\n MY   order？ ")).isEqualTo("where is my order?");
        assertThat(TextNormalizer.normalize("배송\u3000현황")).isEqualTo("배송 현황");
        assertThat(TextNormalizer.normalize(" \t ")).isEmpty();
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void collapsingWhiteSpaceDoesWhatTheRegexDid() {
        char[] alphabet = {'a', '가', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u001C', '.'};
        Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = sb.toString();
            assertThat(TextNormalizer.collapseWhitespace(s)).as("[%s]", s).isEqualTo(s.replaceAll("\\s+", " "));
        }
    }
}
