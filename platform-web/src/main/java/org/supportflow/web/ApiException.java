package org.supportflow.web;

import java.time.Duration;
import java.util.Objects;

/**
 * A request refused on purpose, with its HTTP status and the stable machine-readable {@code code} of the
 * {@link ErrorBody}. The message is shown to the caller and may be logged, so it must never contain personal
 * data or internal details. Stackless: it is control flow, not a fault.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    protected ApiException(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an ApiException is a 4xx or 5xx, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCodes.FORBIDDEN, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException preconditionFailed(String message) {
        return new ApiException(412, ErrorCodes.PRECONDITION_FAILED, message);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE, "the request body exceeds " + limitBytes + " bytes");
    }

    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(429, ErrorCodes.RATE_LIMITED, message, retryAfter);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, ErrorCodes.UNAVAILABLE, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** How long the caller should wait before retrying, or null; rendered as {@code Retry-After} in whole seconds. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
