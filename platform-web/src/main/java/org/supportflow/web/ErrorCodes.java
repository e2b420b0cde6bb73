package org.supportflow.web;

/**
 * The error codes every service uses for the same situation (docs/ARCHITECTURE.md, "One error contract").
 * Endpoints add their own, more precise codes for their 400s, 404s and 409s (e.g. {@code invalid_signature});
 * a status without one gets the code of {@link #forStatus(int)}.
 */
public final class ErrorCodes {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_JSON = "invalid_json";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String CONFLICT = "conflict";
    public static final String PRECONDITION_FAILED = "precondition_failed";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String UNAVAILABLE = "unavailable";

    private ErrorCodes() {
    }

    /** The code of a status when nothing more precise is known. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }

    /** A message for a status when nothing more precise may be said. */
    static String messageForStatus(int status) {
        return switch (status) {
            case 400 -> "the request is not valid";
            case 401 -> "authentication is required";
            case 403 -> "you are not allowed to do this";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "this resource cannot answer in a format the request accepts";
            case 409 -> "the request conflicts with the current state";
            case 412 -> "a precondition of the request failed";
            case 413 -> "the request body is too large";
            case 415 -> "this resource does not accept this content type";
            case 429 -> "too many requests, retry later";
            case 503 -> "temporarily unavailable, retry shortly";
            default -> status >= 500 ? "the request could not be processed" : "the request was refused";
        };
    }
}
