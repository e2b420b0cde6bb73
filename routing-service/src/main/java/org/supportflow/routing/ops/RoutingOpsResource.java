package org.supportflow.routing.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.queue.QueueEntry;
import org.supportflow.routing.queue.QueueStore;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Read-only operational views of routing's shared state, for operators and the end-to-end tests: agents
 * with their load, and the waiting queue. No customer data, but who works and how much: supervisors and
 * admins only.
 */
@RolesAllowed({"supervisor", "admin"})
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingOpsResource {

    static final int MAX_LIMIT = 500;

    private final Jdbc jdbc;
    private final AssignmentStore assignments;
    private final QueueStore queue;

    public RoutingOpsResource(Jdbc jdbc, AssignmentStore assignments, QueueStore queue) {
        this.jdbc = jdbc;
        this.assignments = assignments;
        this.queue = queue;
    }

    public record AgentView(String agentId, String status, int capacity, int active, Set<String> skills,
                            Instant lastAssignedAt) {
    }

    public record QueueView(int size, List<QueueEntry> waiting) {
    }

    @GET
    @Path("/agents")
    public List<AgentView> agents() {
        return jdbc.inTransaction(c -> assignments.allAgents(c)).stream()
                .map(a -> new AgentView(a.agentId(), a.status().name(), a.capacity(), a.active(), a.skills(),
                        a.lastAssignedAt()))
                .toList();
    }

    @GET
    @Path("/queue")
    public QueueView queue(@QueryParam("limit") @DefaultValue("50")
                           @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
                           @Min(1) @Max(MAX_LIMIT) String limit) {
        int max = Integer.parseInt(limit);
        return jdbc.inTransaction(c -> new QueueView(queue.size(c), queue.waiting(c, max)));
    }
}
