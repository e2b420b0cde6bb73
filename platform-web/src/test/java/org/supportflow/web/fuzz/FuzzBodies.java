package org.supportflow.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request bodies derived from one valid JSON body: wrong types, missing, unknown, huge and empty fields,
 * truncated or corrupted bytes, invalid UTF-8, other encodings, and bodies that are no JSON object at all.
 */
final class FuzzBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOT_OBJECTS = List.of("", " ", "null", "[]", "{}", "[1,2]", "123", "\"x\"",
            "true", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "/* comment */{}", "{\"a\":NaN}",
            "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\ud800\"}");

    private FuzzBodies() {
    }

    static byte[] body(Random random, String valid) {
        if (valid == null) {
            return random.nextInt(4) == 0 ? utf8(FuzzValues.jsonValue(random, 0)) : new byte[0];
        }
        ObjectNode object = parse(valid);
        return switch (random.nextInt(11)) {
            case 0 -> utf8(valid);
            case 1 -> utf8(withField(object, randomField(random, object), FuzzValues.jsonValue(random, 0)));
            case 2 -> utf8(without(object, randomField(random, object)));
            case 3 -> utf8(withField(object, "unknown" + random.nextInt(100), FuzzValues.jsonValue(random, 0)));
            case 4 -> truncated(random, utf8(valid));
            case 5 -> corrupted(random, utf8(valid));
            case 6 -> invalidUtf8(random, valid);
            case 7 -> random.nextBoolean() ? utf8(FuzzValues.pick(random, NOT_OBJECTS)) : deepNesting(random);
            case 8 -> utf8(withField(object, randomField(random, object),
                    FuzzValues.quote("y".repeat(random.nextBoolean() ? 0 : 4_000 + random.nextInt(100_000)))));
            case 9 -> valid.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.ISO_8859_1);
            default -> utf8(duplicateKey(random, object, valid));
        };
    }

    private static ObjectNode parse(String valid) {
        try {
            return (ObjectNode) JSON.readTree(valid);
        } catch (Exception e) {
            throw new IllegalArgumentException("the valid body of a fuzzed endpoint must be a JSON object", e);
        }
    }

    private static String randomField(Random random, ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "field" : names.get(random.nextInt(names.size()));
    }

    /** The object with {@code field} set to a raw JSON value (which may be of any type). */
    private static String withField(ObjectNode object, String field, String rawValue) {
        ObjectNode copy = object.deepCopy();
        copy.remove(field);
        String rest = copy.toString();
        String member = FuzzValues.quote(field) + ":" + rawValue;
        return rest.equals("{}") ? "{" + member + "}" : "{" + member + "," + rest.substring(1);
    }

    private static String without(ObjectNode object, String field) {
        ObjectNode copy = object.deepCopy();
        copy.remove(field);
        return copy.toString();
    }

    private static String duplicateKey(Random random, ObjectNode object, String valid) {
        String field = randomField(random, object);
        JsonNode value = object.get(field);
        return withField(object, field, FuzzValues.jsonValue(random, 0)).replaceFirst("\\{",
                "{" + FuzzValues.quote(field) + ":" + (value == null ? "null" : value.toString()) + ",");
    }

    private static byte[] truncated(Random random, byte[] body) {
        byte[] cut = new byte[random.nextInt(Math.max(1, body.length))];
        System.arraycopy(body, 0, cut, 0, cut.length);
        return cut;
    }

    private static byte[] corrupted(Random random, byte[] body) {
        byte[] copy = body.clone();
        for (int i = 0, n = 1 + random.nextInt(3); i < n && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** A valid body with bytes that are no UTF-8 inside a string value. */
    private static byte[] invalidUtf8(Random random, String valid) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}};
        int quote = valid.lastIndexOf('"', Math.max(0, valid.length() - 2));
        byte[] head = utf8(valid.substring(0, Math.max(0, quote)));
        byte[] tail = utf8(valid.substring(Math.max(0, quote)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static byte[] deepNesting(Random random) {
        int depth = 500 + random.nextInt(5_000);
        return utf8("[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
