package org.supportflow.nlu.pii;

/** Kinds of personal data the NLU masks, with their placeholders. Declared in masking priority order. */
public enum PiiKind {
    EMAIL, RRN, CARD, PHONE, ACCOUNT;

    public String placeholder() {
        return "[" + name() + "]";
    }
}
