package org.supportflow.gateway.common;

import java.time.Duration;
import java.util.Objects;

/**
 * A client error with a stable machine-readable {@code code}; rendered as {@code {"error", "message"}}
 * by {@link ErrorMappers}. The message must never contain personal data: it is shown to the caller and
 * may be logged.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
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

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "payload_too_large", "the request body exceeds " + limitBytes + " bytes");
    }

    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(429, "rate_limited", message, retryAfter);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** For a 429: how long the caller should wait; rendered as {@code Retry-After} in whole seconds. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
