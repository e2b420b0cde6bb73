package org.supportflow.ticket.common;

import org.supportflow.web.ApiException;

/** Turns request text that Bean Validation has checked into the domain's values; 400 when it is no such value. */
public final class Requests {

    private Requests() {
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
