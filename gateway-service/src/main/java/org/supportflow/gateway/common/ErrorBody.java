package org.supportflow.gateway.common;

/** The JSON body of every error answer: {@code {"error": "<code>", "message": "<human readable>"}}. */
public record ErrorBody(String error, String message) {
}
