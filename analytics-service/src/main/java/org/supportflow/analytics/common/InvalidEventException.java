package org.supportflow.analytics.common;

/**
 * An event that can never be processed as it is (missing id or time, unknown schema version, score out
 * of range...). Not retried: the consumer sends it to its dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
