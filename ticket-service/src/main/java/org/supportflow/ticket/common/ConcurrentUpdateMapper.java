package org.supportflow.ticket.common;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.supportflow.web.ErrorMappers;

/**
 * The one failure only this service has (platform-web's ErrorMappers map the rest): two agents changed the same
 * ticket at once, and the later commit lost; 409 like a stale {@code version} in the body.
 */
public class ConcurrentUpdateMapper {

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentUpdate(RuntimeException e) {
        return ErrorMappers.json(409, "version_conflict", "the ticket was changed by someone else; reload it and retry")
                .build();
    }
}
