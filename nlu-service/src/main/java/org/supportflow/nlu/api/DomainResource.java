package org.supportflow.nlu.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.nlu.domain.BundleException;
import org.supportflow.nlu.domain.BundleFiles;
import org.supportflow.nlu.domain.BundleIssue;
import org.supportflow.nlu.domain.BundleLoader;
import org.supportflow.nlu.domain.DomainBundle;
import org.supportflow.nlu.domain.DomainEvents;
import org.supportflow.nlu.domain.DomainManager;
import org.supportflow.nlu.domain.DomainReport;
import org.supportflow.nlu.learning.ModelLifecycle;
import org.supportflow.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Domain bundles (admin): validate one, train it as a background job, read the job's report next to the
 * active model's, promote it (every NLU replica and routing follow through {@code nlu.domain}), roll back.
 * A bundle is uploaded as a zip archive of its directory ({@code application/zip}) or as JSON
 * {@code {"files": {"domain.json": "...", "train-ko.tsv": "..."}}}. Supervisors may look.
 */
@Path("/api/v1/nlu/domains")
@Produces(MediaType.APPLICATION_JSON)
public class DomainResource {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");

    /** The JSON form of an upload: file name → text. */
    public record BundleUpload(Map<String, String> files) {
    }

    public record Validation(boolean valid, String domain, String version, int intents, List<String> languages,
                             List<BundleIssue> errors, List<BundleIssue> warnings) {
    }

    public record ActiveView(String domain, String domainVersion, String description, List<String> languages,
                             Instant activatedAt, String modelVersion, List<DomainActivatedEvent.IntentPolicy> intents,
                             DomainReport report) {
    }

    public record Promotion(String domain, String domainVersion, String modelVersion, Instant activatedAt) {
    }

    private final ModelLifecycle lifecycle;
    private final BundleLoader loader = new BundleLoader();

    public DomainResource(ModelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    @Path("/active")
    @RolesAllowed({"supervisor", "admin"})
    public ActiveView active() {
        DomainManager.Active active = lifecycle.domains().active();
        DomainBundle b = active.bundle();
        return new ActiveView(b.name(), b.versionTag(), b.description(), b.languages(), active.activatedAt(),
                active.models().current().version(), b.policy(), active.report());
    }

    @POST
    @Path("/validate")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed("admin")
    public Validation validateZip(byte[] zip) {
        return validation(loader.load(fromZip(zip)));
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Validation validateJson(BundleUpload upload) {
        return validation(loader.load(fromJson(upload)));
    }

    /** 202 with the job; 422 {@code invalid_bundle} (the errors in the message) when the bundle is refused. */
    @POST
    @Path("/jobs")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed("admin")
    public Response trainZip(byte[] zip) {
        return train(loader.load(fromZip(zip)));
    }

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response trainJson(BundleUpload upload) {
        return train(loader.load(fromJson(upload)));
    }

    @GET
    @Path("/jobs")
    @RolesAllowed({"supervisor", "admin"})
    public List<DomainManager.JobView> jobs() {
        return lifecycle.domains().jobs();
    }

    @GET
    @Path("/jobs/{id}")
    @RolesAllowed({"supervisor", "admin"})
    public DomainManager.JobView job(@PathParam("id") String id) {
        return lifecycle.domains().job(checkedId(id)).orElseThrow(() -> noJob());
    }

    /** Activates a job's domain everywhere; 409 {@code not_promotable} with the reason when it did not pass. */
    @POST
    @Path("/jobs/{id}/promote")
    @RolesAllowed("admin")
    public Promotion promote(@PathParam("id") String id) {
        String jobId = checkedId(id);
        DomainBundle bundle;
        try {
            bundle = lifecycle.domains().promotable(jobId);
        } catch (NoSuchElementException e) {
            throw noJob();
        } catch (IllegalStateException e) {
            throw ApiException.conflict("not_promotable", "this bundle cannot be promoted: " + e.getMessage());
        }
        DomainActivatedEvent event = lifecycle.promote(bundle);
        lifecycle.domains().markPromoted(jobId);
        return new Promotion(event.domain(), event.domainVersion(), event.modelVersion(), event.occurredAt());
    }

    /** Goes back to the domain active before the current one (else the default bundle). */
    @POST
    @Path("/rollback")
    @RolesAllowed("admin")
    public Promotion rollback() {
        DomainManager domains = lifecycle.domains();
        DomainBundle target = domains.previous().orElseGet(lifecycle::defaultBundle);
        if (target.versionTag().equals(domains.active().bundle().versionTag())) {
            throw ApiException.conflict("nothing_to_roll_back", "the active domain is already "
                    + target.name() + " " + target.versionTag());
        }
        DomainActivatedEvent event = lifecycle.promote(target);
        domains.forgetRollback(target);
        return new Promotion(event.domain(), event.domainVersion(), event.modelVersion(), event.occurredAt());
    }

    private Response train(BundleLoader.Result result) {
        if (!result.valid()) {
            throw new ApiException(422, "invalid_bundle", "the bundle is refused: " + String.join("; ",
                    result.errors().stream().limit(10).map(BundleIssue::toString).toList())
                    + (result.errors().size() > 10 ? "; and " + (result.errors().size() - 10) + " more" : ""));
        }
        try {
            DomainEvents.checkPublishable(result.bundle());
        } catch (BundleException e) {
            throw new ApiException(422, "invalid_bundle", e.getMessage());
        }
        return Response.accepted(lifecycle.domains().train(result.bundle(), result.warnings())).build();
    }

    private static Validation validation(BundleLoader.Result result) {
        DomainBundle b = result.bundle();
        return new Validation(result.valid(), b == null ? null : b.name(), b == null ? null : b.versionTag(),
                b == null ? 0 : b.intents().size(), b == null ? List.of() : b.languages(), result.errors(),
                result.warnings());
    }

    private static BundleFiles fromZip(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw ApiException.badRequest("invalid_bundle", "the body is empty: send the bundle as a zip archive");
        }
        try {
            return BundleFiles.fromZip(zip, "upload");
        } catch (BundleException e) {
            throw new ApiException(422, "invalid_bundle", e.getMessage());
        }
    }

    private static BundleFiles fromJson(BundleUpload upload) {
        if (upload == null || upload.files() == null || upload.files().isEmpty()) {
            throw ApiException.badRequest("invalid_request", "files is required: file name -> text");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> file : upload.files().entrySet()) {
            if (file.getKey() == null || !file.getKey().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
                    || file.getValue() == null) {
                throw ApiException.badRequest("invalid_request", "files: every name is a plain file name with a text");
            }
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            total += bytes.length;
            files.put(file.getKey(), bytes);
        }
        if (files.size() > BundleFiles.MAX_FILES || total > BundleFiles.MAX_BYTES) {
            throw ApiException.payloadTooLarge(BundleFiles.MAX_BYTES);
        }
        return new BundleFiles(files, "upload");
    }

    private static String checkedId(String id) {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            throw noJob();
        }
        return id;
    }

    private static ApiException noJob() {
        return ApiException.notFound("not_found", "no such training job");
    }
}
