package org.supportflow.analytics.common;

/** A request the caller must correct: answered 400 with its {@link #code()} and message. */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    public InvalidRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
