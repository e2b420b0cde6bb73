package org.supportflow.nlu.classify;

import org.supportflow.web.ApiException;

/** No stored model has the requested version: a 404 {@code model_not_found} when asked through the API. */
public class ModelNotFoundException extends ApiException {

    public ModelNotFoundException(String version) {
        super(404, "model_not_found",
                "no stored model version " + (ModelStore.isValidVersion(version) ? version : "(invalid)"));
    }
}
