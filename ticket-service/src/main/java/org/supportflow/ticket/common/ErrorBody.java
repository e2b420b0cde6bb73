package org.supportflow.ticket.common;

/** The JSON body of every error answer. */
public record ErrorBody(String error, String message) {
}
