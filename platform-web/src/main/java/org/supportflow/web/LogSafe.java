package org.supportflow.web;

/**
 * Makes a caller-supplied value safe to put in a log line: control characters (CR and LF above all, which
 * would let a caller forge log lines) are escaped as {@code \\uXXXX}, and the value is capped in length.
 */
public final class LogSafe {

    /** Longer values are cut, with a marker: an id is never this long, and a log line stays readable. */
    public static final int MAX_LENGTH = 128;

    private LogSafe() {
    }

    /** The value for a log line; {@code null} stays "null". */
    public static String id(String value) {
        if (value == null) {
            return "null";
        }
        int end = Math.min(value.length(), MAX_LENGTH);
        StringBuilder safe = null;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                if (safe == null) {
                    safe = new StringBuilder(end + 16).append(value, 0, i);
                }
                safe.append(String.format("\\u%04x", (int) c));
            } else if (safe != null) {
                safe.append(c);
            }
        }
        String result = safe == null ? value.substring(0, end) : safe.toString();
        return value.length() > MAX_LENGTH ? result + "...(" + value.length() + " chars)" : result;
    }

    private static boolean needsEscape(char c) {
        // ISO controls (C0, DEL, C1) plus the Unicode line and paragraph separators, which some viewers break on
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
