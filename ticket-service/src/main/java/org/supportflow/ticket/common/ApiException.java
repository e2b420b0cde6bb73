package org.supportflow.ticket.common;

/**
 * A request the service refuses on purpose: carries the HTTP status and the machine-readable error code of
 * the JSON error body ({@code {"error": code, "message": message}}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", what + " " + id + " does not exist");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException preconditionFailed(String message) {
        return new ApiException(412, "precondition_failed", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }
}
