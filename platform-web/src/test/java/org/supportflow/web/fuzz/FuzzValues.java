package org.supportflow.web.fuzz;

import java.util.List;
import java.util.Random;

/** Hostile values for JSON fields, query parameters, path segments and headers, drawn from a seeded {@link Random}. */
final class FuzzValues {

    private static final List<String> STRINGS = List.of("", " ", "a", "홍길동", "😀", "\u0000", "nul\u0000inside",
            "line\r\nX-Forged: yes", "\t", "\u2028", "<script>alert(1)</script>", "javascript:alert(1)",
            "' OR 1=1 --", "../../etc/passwd", "%00", "${jndi:ldap://127.0.0.1/x}", "NaN", "-1", "2147483648",
            "\uFEFFbom", "\uD800", "NEW", "open", "ONLINE", "order_status");

    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "1e309", "-1e309", "1.5", "-0", "0.0000001", "123456789012345678901234567890");

    private static final List<String> QUERY = List.of("", "0", "-1", "1", "5", "2147483647", "2147483648",
            "-2147483648", "99999999999999999999", "abc", "1.5", "%207", "%00", "%FF", "%0D%0A", "%C3%28", "true",
            "%5B%5D", "NEW,OPEN", "me", "breached", "2026-01-01", "2026-13-45T99:99:99Z", "%ED%A0%80");

    private static final List<String> HEADER = List.of("", " ", "text/html", "*/*", "application/json;q=0",
            "garbage", "application/xml", "12345", "\"quoted\"", "a=b; c=d", "%0D%0A");

    /**
     * Longest fuzzed path segment or query value: request lines stay under the HTTP server's 4,096-byte limit,
     * past which Vert.x answers 414 itself, before any application code (and without a JSON body).
     */
    private static final int MAX_URI_PART = 1_000;

    private FuzzValues() {
    }

    static String string(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(1 + random.nextInt(70_000));
            case 1 -> randomChars(random, 1 + random.nextInt(200));
            default -> pick(random, STRINGS);
        };
    }

    /** A JSON value of any type, as JSON text. */
    static String jsonValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0 -> quote(string(random));
            case 1 -> pick(random, NUMBERS);
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> quote(pick(random, STRINGS));
            case 5 -> "[" + jsonValue(random, depth + 1) + "," + jsonValue(random, depth + 1) + "]";
            case 6 -> "{\"" + randomChars(random, 1 + random.nextInt(10)).replace("\"", "") + "\":"
                    + jsonValue(random, depth + 1) + "}";
            default -> "[]";
        };
    }

    /** A query parameter value, already percent-encoded where it must be. */
    static String queryValue(Random random) {
        return random.nextInt(8) == 0 ? "9".repeat(1 + random.nextInt(MAX_URI_PART)) : pick(random, QUERY);
    }

    /** A path segment, percent-encoded: control characters, long, non-ASCII, traversal. */
    static String pathSegment(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "%0D%0AX-Forged:%20yes";
            case 1 -> "a".repeat(1 + random.nextInt(MAX_URI_PART));
            case 2 -> "%ED%95%9C%00";
            case 3 -> "..%2F..%2Fetc";
            case 4 -> "%FF%FE";
            case 5 -> "-1";
            case 6 -> "2147483648";
            default -> Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        };
    }

    /** A header value the HTTP client accepts (visible ASCII), possibly long. */
    static String headerValue(Random random) {
        return random.nextInt(4) == 0 ? "h".repeat(1 + random.nextInt(8_000)) : pick(random, HEADER);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String quote(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String randomChars(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xAC00 + random.nextInt(11172);
                default -> 0x20 + random.nextInt(0x5F);
            });
        }
        return text.toString();
    }
}
