package org.supportflow.routing.ops;

/** A request the caller must fix (400 {@code invalid_request}). */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
