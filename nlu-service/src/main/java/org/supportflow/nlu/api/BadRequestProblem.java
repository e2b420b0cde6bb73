package org.supportflow.nlu.api;

/** A request the API refuses with 400 and a machine-readable code. */
public class BadRequestProblem extends RuntimeException {

    private final String code;

    public BadRequestProblem(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
