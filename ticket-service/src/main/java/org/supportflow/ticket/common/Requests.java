package org.supportflow.ticket.common;

/** Small checks of request input that answer 400 with a precise message. */
public final class Requests {

    private Requests() {
    }

    /** The text of a reply or note: present, not blank, at most {@code max} characters. */
    public static String text(String text, int max) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_request", "text is required");
        }
        if (text.length() > max) {
            throw ApiException.badRequest("invalid_request", "text is longer than " + max + " characters");
        }
        return text.strip();
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("invalid_request", field + " is required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
