package org.supportflow.ticket.presence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.common.Requests;
import org.supportflow.ticket.publish.EventPublisher;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** {@code PUT /api/v1/agents/me/presence}: the caller's status, capacity and skills, published for routing. */
@Path("/api/v1/agents/me/presence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class PresenceResource {

    public static final int MAX_CAPACITY = 50;
    public static final int MAX_SKILLS = 30;

    public record PresenceRequest(
            @NotBlank @Pattern(regexp = "\\s*(?i:ONLINE|AWAY|OFFLINE)\\s*",
                    message = "must be one of ONLINE, AWAY, OFFLINE") String status,
            @Min(0) @Max(MAX_CAPACITY) Integer capacity,
            @Size(max = MAX_SKILLS) List<@NotNull @Pattern(regexp = "\\s*[\\p{L}\\p{N}_.:-]{1,50}\\s*",
                    message = "must be 1 to 50 letters, digits or _ . : - characters") String> skills) {
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
    public PresenceView update(@Valid @NotNull(message = "a body with status, capacity and skills is required")
                               PresenceRequest request) {
        AgentStatus status = Requests.enumValue(AgentStatus.class, "status", request.status());
        int capacity = request.capacity() == null ? 0 : request.capacity();
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String skill : request.skills() == null ? List.<String>of() : request.skills()) {
            normalised.add(skill.strip().toLowerCase(Locale.ROOT));
        }
        AgentPresenceEvent event = AgentPresenceEvent.of(user.id(), status, capacity, List.copyOf(normalised));
        publisher.presenceAndAwait(event);
        return new PresenceView(event.agentId(), event.status(), event.capacity(), event.skills(), event.occurredAt());
    }
}
