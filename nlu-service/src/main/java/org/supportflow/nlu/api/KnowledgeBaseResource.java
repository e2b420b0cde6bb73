package org.supportflow.nlu.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.kb.KnowledgeBaseService;

import java.time.Instant;
import java.util.Set;

/** The FAQ knowledge base: what is loaded (supervisors and admins), and reload now (admins). */
@Path("/api/v1/nlu/kb")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeBaseResource {

    public record KnowledgeBaseView(String version, int answers, Set<String> languages, String source,
                                    Instant loadedAt) {
    }

    private final KnowledgeBaseService service;

    public KnowledgeBaseResource(KnowledgeBaseService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({"supervisor", "admin"})
    public KnowledgeBaseView current() {
        KnowledgeBase kb = service.current();
        return new KnowledgeBaseView(kb.version(), kb.size(), kb.languages(), kb.source(), kb.loadedAt());
    }

    /** 200 with the loaded version; 422 {@code invalid_knowledge_base} when the files are broken (old one kept). */
    @POST
    @Path("/reload")
    @RolesAllowed("admin")
    public KnowledgeBaseService.ReloadResult reload() {
        return service.reload();
    }
}
