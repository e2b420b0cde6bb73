package org.supportflow.nlu.kb;

import org.supportflow.web.ApiException;

/**
 * The knowledge-base files cannot be used; the message says which file and why (no customer data, no internal
 * exception text). A reload through the API answers it as 422 {@code invalid_knowledge_base}.
 */
public class KnowledgeBaseException extends ApiException {

    public KnowledgeBaseException(String message) {
        super(422, "invalid_knowledge_base", message);
    }
}
