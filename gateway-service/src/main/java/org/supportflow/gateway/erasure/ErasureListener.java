package org.supportflow.gateway.erasure;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.CustomerErasureEvent;

/** {@code customer.erasure} (group {@code gateway-service}); failures go to its dead-letter topic. */
@ApplicationScoped
public class ErasureListener {

    private final ErasureService service;

    public ErasureListener(ErasureService service) {
        this.service = service;
    }

    @Incoming("erasure")
    @Blocking
    public void onErasure(CustomerErasureEvent event) {
        if (event != null) {
            service.erase(event);
        }
    }
}
