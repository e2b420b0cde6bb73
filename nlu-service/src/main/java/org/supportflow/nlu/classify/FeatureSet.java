package org.supportflow.nlu.classify;

import java.util.Locale;

/**
 * Which features the intent model sees. Chosen by measurement (see the module README): word uni- and
 * bigrams, character n-grams within words (with word-boundary marks) and over the text with spaces
 * removed (so "배송현황" and "배송 현황" share their features), Nori morphemes for Korean and
 * Snowball stems for English.
 *
 * @param wordNgrams   longest word n-gram (0 = no word features)
 * @param charMin      shortest character n-gram within a word (0 = none)
 * @param charMax      longest character n-gram within a word
 * @param spacelessMin shortest character n-gram over the text without spaces (0 = none)
 * @param spacelessMax longest such n-gram
 * @param morphemes    Nori morphemes (and morpheme bigrams) for text that contains Hangul
 * @param stems        Snowball (Porter 2) stems of Latin-script words
 * @param dense        weight of the English sentence embedding ({@link SentenceEncoder}) appended to the
 *                     TF-IDF vector of text without Hangul (0 = none)
 */
public record FeatureSet(int wordNgrams, int charMin, int charMax, int spacelessMin, int spacelessMax,
                         boolean morphemes, boolean stems, double dense) {

    /** The production choice for the bilingual support data. */
    public static final FeatureSet DEFAULT = new FeatureSet(2, 2, 5, 2, 4, true, true, 1.0);

    public FeatureSet {
        if (wordNgrams < 0 || wordNgrams > 3 || charMin < 0 || charMax < charMin || spacelessMin < 0
                || spacelessMax < spacelessMin || dense < 0) {
            throw new IllegalArgumentException("invalid feature set");
        }
    }

    /** A stable text form, stored with every model: {@code w2,c2-5,s2-4,m,e,d1}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("w").append(wordNgrams);
        if (charMin > 0) {
            sb.append(",c").append(charMin).append('-').append(charMax);
        }
        if (spacelessMin > 0) {
            sb.append(",s").append(spacelessMin).append('-').append(spacelessMax);
        }
        if (morphemes) {
            sb.append(",m");
        }
        if (stems) {
            sb.append(",e");
        }
        if (dense > 0) {
            sb.append(",d").append(dense == Math.rint(dense) ? Integer.toString((int) dense) : Double.toString(dense));
        }
        return sb.toString();
    }

    public static FeatureSet parse(String description) {
        int words = 0;
        int cMin = 0;
        int cMax = 0;
        int sMin = 0;
        int sMax = 0;
        boolean morph = false;
        boolean stem = false;
        double dense = 0;
        for (String part : description.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            switch (p.charAt(0)) {
                case 'w' -> words = Integer.parseInt(p.substring(1));
                case 'c' -> {
                    String[] r = p.substring(1).split("-");
                    cMin = Integer.parseInt(r[0]);
                    cMax = Integer.parseInt(r[1]);
                }
                case 's' -> {
                    String[] r = p.substring(1).split("-");
                    sMin = Integer.parseInt(r[0]);
                    sMax = Integer.parseInt(r[1]);
                }
                case 'm' -> morph = true;
                case 'e' -> stem = true;
                case 'd' -> dense = Double.parseDouble(p.substring(1));
                default -> throw new IllegalArgumentException("unknown feature part: " + p);
            }
        }
        return new FeatureSet(words, cMin, cMax, sMin, sMax, morph, stem, dense);
    }
}
