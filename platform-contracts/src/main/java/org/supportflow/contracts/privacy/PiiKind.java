package org.supportflow.contracts.privacy;

/** Kinds of personal data the masker replaces, with their placeholders. Declared in masking priority order. */
public enum PiiKind {
    EMAIL, RRN, CARD, PHONE, ACCOUNT;

    public String placeholder() {
        return "[" + name() + "]";
    }
}
