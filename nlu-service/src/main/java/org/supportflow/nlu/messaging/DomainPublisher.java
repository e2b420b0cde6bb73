package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.supportflow.contracts.events.DomainActivatedEvent;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes the active domain on {@code nlu.domain} and waits for the broker's acknowledgement. */
@ApplicationScoped
public class DomainPublisher {

    private final Emitter<Record<String, DomainActivatedEvent>> emitter;

    @Inject
    public DomainPublisher(@Channel(Channels.DOMAIN_OUT) Emitter<Record<String, DomainActivatedEvent>> emitter) {
        this.emitter = emitter;
    }

    public void publish(DomainActivatedEvent event, Duration timeout) {
        try {
            emitter.send(Record.of(event.key(), event)).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the domain", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the domain could not be published on nlu.domain", e);
        }
    }
}
