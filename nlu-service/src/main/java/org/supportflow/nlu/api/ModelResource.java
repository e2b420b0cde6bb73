package org.supportflow.nlu.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.ModelNotFoundException;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.learning.ModelLifecycle;
import org.supportflow.nlu.learning.ModelManager;

import java.util.List;
import java.util.Map;

/**
 * Model versions: list, restore a previous one, retrain now. Management: supervisors and admins look, only
 * admins change which model answers customers.
 */
@Path("/api/v1/nlu/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    public record ModelView(String version, boolean active, String features, double temperature,
                            double oosThreshold, Map<String, String> metadata) {
    }

    public record ModelsView(String active, int pendingFeedback, int feedbackExamples, List<ModelView> versions) {
    }

    private final ModelLifecycle lifecycle;

    public ModelResource(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    @RolesAllowed({"supervisor", "admin"})
    public ModelsView list() {
        ModelManager manager = lifecycle.manager();
        String active = manager.current().version();
        List<ModelView> versions = manager.versions().stream().map(i -> view(i, active)).toList();
        return new ModelsView(active, manager.pendingFeedback(), lifecycle.feedback().size(), versions);
    }

    @POST
    @Path("/{version}/restore")
    @RolesAllowed("admin")
    public ModelView restore(@PathParam("version") String version) {
        if (!ModelStore.isValidVersion(version)) {
            throw new ModelNotFoundException(version);
        }
        IntentModel model = lifecycle.manager().restore(version);
        return view(model.info(), model.version());
    }

    /** Retrains now on shipped data + feedback; the candidate is activated only if not worse on held-out. */
    @POST
    @Path("/retrain")
    @RolesAllowed("admin")
    public ModelManager.RetrainOutcome retrain() {
        return lifecycle.manager().retrain("requested through the API");
    }

    private static ModelView view(IntentModel.ModelInfo info, String active) {
        return new ModelView(info.version(), info.version().equals(active), info.features(), info.temperature(),
                info.oosThreshold(), info.metadata());
    }
}
