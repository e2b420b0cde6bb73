package org.supportflow.nlu.classify;

/** No stored model has the requested version. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String version) {
        super("no stored model version " + (ModelStore.isValidVersion(version) ? version : "(invalid)"));
    }
}
