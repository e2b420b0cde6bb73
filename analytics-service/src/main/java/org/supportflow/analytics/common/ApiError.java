package org.supportflow.analytics.common;

/** The JSON body of every 4xx/5xx answer: {@code {"error": "<code>", "message": "..."}}. */
public record ApiError(String error, String message) {
}
