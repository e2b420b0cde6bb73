package org.supportflow.web;

/**
 * The JSON body of every 4xx and 5xx answer of every service (CONTRACT.md §1):
 * {@code {"error": "<code>", "message": "<human readable>"}}. The message is written for the caller and never
 * carries an internal exception message, a stack trace or personal data.
 */
public record ErrorBody(String error, String message) {
}
