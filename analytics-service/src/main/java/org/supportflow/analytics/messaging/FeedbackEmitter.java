package org.supportflow.analytics.messaging;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.supportflow.contracts.events.NluFeedbackEvent;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** analytics' only Kafka producer: operators' labels on {@code nlu.feedback}, keyed by conversation id. */
@ApplicationScoped
public class FeedbackEmitter {

    public static final String CHANNEL = "nlu-feedback";

    private final Emitter<Record<String, NluFeedbackEvent>> emitter;

    public FeedbackEmitter(@Channel(CHANNEL) Emitter<Record<String, NluFeedbackEvent>> emitter) {
        this.emitter = emitter;
    }

    /** Sends and waits for Kafka's acknowledgement; throws when there is none within {@code timeout}. */
    public void sendAndAwait(NluFeedbackEvent event, Duration timeout) {
        try {
            emitter.send(Record.of(event.conversationId(), event)).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing on nlu.feedback", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("nlu.feedback did not acknowledge " + event.eventId(), e);
        }
    }
}
