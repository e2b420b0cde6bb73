package org.supportflow.nlu.kb;

/** The knowledge-base files cannot be used; the message says which file and why (no customer data). */
public class KnowledgeBaseException extends RuntimeException {

    public KnowledgeBaseException(String message) {
        super(message);
    }
}
