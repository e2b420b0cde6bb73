package org.supportflow.analytics.facts;

/** The facts store could not be read or written (a transient database problem, usually). */
public class FactStoreException extends RuntimeException {

    public FactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
