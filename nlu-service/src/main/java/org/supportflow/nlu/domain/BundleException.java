package org.supportflow.nlu.domain;

/** A bundle that cannot be read at all (not a zip, too large, ...); its message is safe to show. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }
}
