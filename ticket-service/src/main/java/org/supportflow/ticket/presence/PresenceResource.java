package org.supportflow.ticket.presence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.ticket.common.ApiException;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.common.Requests;
import org.supportflow.ticket.publish.EventPublisher;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code PUT /api/v1/agents/me/presence}: the caller's status, capacity and skills, published for routing. */
@Path("/api/v1/agents/me/presence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class PresenceResource {

    public static final int MAX_CAPACITY = 50;
    public static final int MAX_SKILLS = 30;
    private static final Pattern SKILL = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,50}");

    public record PresenceRequest(String status, Integer capacity, List<String> skills) {
    }

    public record PresenceView(String agentId, AgentStatus status, int capacity, List<String> skills,
                               Instant updatedAt) {
    }

    private final EventPublisher publisher;
    private final CurrentUser user;

    public PresenceResource(EventPublisher publisher, CurrentUser user) {
        this.publisher = publisher;
        this.user = user;
    }

    @PUT
    public PresenceView update(PresenceRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "a body with status, capacity and skills is required");
        }
        AgentStatus status = Requests.enumValue(AgentStatus.class, "status", request.status());
        int capacity = request.capacity() == null ? 0 : request.capacity();
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw ApiException.badRequest("invalid_request", "capacity must be between 0 and " + MAX_CAPACITY);
        }
        List<String> skills = request.skills() == null ? List.of() : request.skills();
        if (skills.size() > MAX_SKILLS) {
            throw ApiException.badRequest("invalid_request", "at most " + MAX_SKILLS + " skills");
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String skill : skills) {
            if (skill == null || !SKILL.matcher(skill.strip()).matches()) {
                throw ApiException.badRequest("invalid_request",
                        "a skill is 1 to 50 letters, digits or _ . : - characters");
            }
            normalised.add(skill.strip().toLowerCase(Locale.ROOT));
        }
        AgentPresenceEvent event = AgentPresenceEvent.of(user.id(), status, capacity, List.copyOf(normalised));
        publisher.presenceAndAwait(event);
        return new PresenceView(event.agentId(), event.status(), event.capacity(), event.skills(), event.occurredAt());
    }
}
