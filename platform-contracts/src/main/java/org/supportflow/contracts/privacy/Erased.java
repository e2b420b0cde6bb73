package org.supportflow.contracts.privacy;

/** What replaces a customer's own words once that customer asked for erasure, in every service. */
public final class Erased {

    /** The marker text: the record stays (it is still counted), the words are gone. */
    public static final String MARKER = "[erased]";

    private Erased() {
    }
}
