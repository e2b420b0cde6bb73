package org.supportflow.gateway.kakao.response;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits replies into one SkillResponse within Kakao's limits: at most {@value #MAX_OUTPUTS} simpleText
 * outputs of at most {@value #MAX_TEXT_CHARS} characters and {@value #MAX_QUICK_REPLIES} quick replies.
 *
 * <p>Replies are taken in order while they fit; several short replies share a bubble when there would be
 * more bubbles than allowed. A reply that does not fit any more is left out (the caller keeps it for the next
 * occasion), so nothing is cut off, except a first reply too long for a whole response on its own: that
 * one is shortened and marked with an ellipsis. Quick replies are those of the last reply taken (earlier
 * ones are stale by then).
 */
public final class SkillResponseComposer {

    public static final int MAX_OUTPUTS = 3;
    public static final int MAX_TEXT_CHARS = 1000;
    public static final int MAX_QUICK_REPLIES = 10;
    private static final String BUBBLE_JOINER = "\n\n";
    private static final String ELLIPSIS = "…";

    private final SentenceSplitter splitter = new SentenceSplitter(MAX_TEXT_CHARS);

    /**
     * @param included  the replies in the outputs (their ids are to be recorded as delivered)
     * @param truncated whether the first reply had to be shortened
     */
    public record Composition(List<String> outputs, List<String> quickReplies, List<SkillReply> included,
                              boolean truncated) {
    }

    public Composition compose(List<SkillReply> replies) {
        List<String> pieces = new ArrayList<>();
        List<String> outputs = List.of();
        List<SkillReply> included = new ArrayList<>();
        boolean truncated = false;
        for (SkillReply reply : replies) {
            List<String> replyPieces = splitter.split(reply.text());
            List<String> candidate = new ArrayList<>(pieces);
            candidate.addAll(replyPieces);
            List<String> packed = pack(candidate);
            if (packed.size() <= MAX_OUTPUTS) {
                pieces = candidate;
                outputs = packed;
                included.add(reply);
                continue;
            }
            if (included.isEmpty()) {
                outputs = shortened(replyPieces);
                included.add(reply);
                truncated = true;
            }
            break;
        }
        List<String> quickReplies = included.isEmpty() ? List.of()
                : included.getLast().quickReplies().stream().filter(label -> !label.isBlank())
                        .limit(MAX_QUICK_REPLIES).toList();
        return new Composition(List.copyOf(outputs), quickReplies, List.copyOf(included), truncated);
    }

    /**
     * Held replies followed by one that must be shown (the answer to the current utterance, or the gateway's
     * own notice): the newest held replies give way until {@code last} fits.
     */
    public Composition compose(List<SkillReply> held, SkillReply last) {
        List<SkillReply> kept = new ArrayList<>(held);
        while (true) {
            List<SkillReply> replies = new ArrayList<>(kept);
            replies.add(last);
            Composition composition = compose(replies);
            if (composition.included().contains(last) || kept.isEmpty()) {
                return composition;
            }
            kept.removeLast();
        }
    }

    /** Joins neighbouring pieces while they fit one bubble, so that as few bubbles as needed are used. */
    private static List<String> pack(List<String> pieces) {
        if (pieces.size() <= MAX_OUTPUTS) {
            return pieces;
        }
        List<String> bubbles = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (!current.isEmpty() && current.length() + BUBBLE_JOINER.length() + piece.length() > MAX_TEXT_CHARS) {
                bubbles.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append(BUBBLE_JOINER);
            }
            current.append(piece);
        }
        if (!current.isEmpty()) {
            bubbles.add(current.toString());
        }
        return bubbles;
    }

    private static List<String> shortened(List<String> pieces) {
        List<String> outputs = new ArrayList<>(pieces.subList(0, MAX_OUTPUTS));
        String last = outputs.getLast();
        if (last.length() + ELLIPSIS.length() > MAX_TEXT_CHARS) {
            int cut = MAX_TEXT_CHARS - ELLIPSIS.length();
            if (Character.isHighSurrogate(last.charAt(cut - 1))) {
                cut--;
            }
            last = last.substring(0, cut);
        }
        outputs.set(outputs.size() - 1, last + ELLIPSIS);
        return outputs;
    }
}
