package org.supportflow.nlu.api;

/** The platform's error body: {@code {"error": "<code>", "message": "..."}}. */
public record ApiError(String error, String message) {
}
