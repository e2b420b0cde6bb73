package org.supportflow.ticket.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.supportflow.ticket.common.CurrentUser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/v1/tickets/stream}: server-sent events of the changes to the tickets the caller may see, for
 * the agent console. Authenticated with the bearer token like the rest of the API (the console reads the
 * stream with fetch(), since EventSource cannot send headers). Events: {@code ready} once the stream listens,
 * then {@code ticket} per change; comments keep idle connections open. The stream ends when the token that
 * opened it expires (the console reconnects with a fresh one).
 */
@Path("/api/v1/tickets/stream")
@RolesAllowed({CurrentUser.AGENT, CurrentUser.SUPERVISOR, CurrentUser.ADMIN})
public class TicketStreamResource {

    /** Well inside the HTTP idle timeout (quarkus.http.idle-timeout), so a quiet stream is never cut. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final LiveTickets live;
    private final CurrentUser user;
    private final SecurityIdentity identity;
    private final Clock clock;

    public TicketStreamResource(LiveTickets live, CurrentUser user, SecurityIdentity identity, Clock clock) {
        this.live = live;
        this.user = user;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Viewer viewer = new Viewer(user.id(), user.seesAllTickets());
        Multi<OutboundSseEvent> changes = live.changesFor(viewer)
                .map(change -> sse.newEventBuilder().name("ticket").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(change).build());
        // Merging subscribes in order: the changes are listened to before "ready" tells the console so.
        Multi<OutboundSseEvent> ready = Multi.createFrom().item(() -> sse.newEventBuilder().name("ready")
                .data("{}").build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(changes, ready, keepAlive)
                .select().first(StreamLifetime.of(tokenExpiry(), clock.instant()));
    }

    private Instant tokenExpiry() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? Instant.ofEpochSecond(token.getExpirationTime()) : null;
    }
}
