package org.supportflow.gateway.delivery;

import io.smallrye.mutiny.Uni;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.gateway.channel.Channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * One signed POST of a reply to a channel's callback, non-blocking: {@code X-Channel-Id}, {@code X-Timestamp}
 * and {@code X-Signature-256} over {@code "<timestamp>.<body>"} with the channel's secret, the scheme channels
 * use towards the gateway. Each attempt is signed afresh so that retries are never stale.
 */
public final class CallbackClient {

    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;

    public CallbackClient(HttpClient http, Clock clock, Duration requestTimeout) {
        this.http = http;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    public Uni<Void> post(Channel channel, URI callback, byte[] body) {
        return Uni.createFrom().deferred(() -> {
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(callback)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header(ChannelSignature.CHANNEL_HEADER, channel.id())
                    .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(channel.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                    .onFailure().transform(failure -> failure instanceof DeliveryFailure ? failure
                            : new DeliveryFailure("callback unreachable: " + failure.getClass().getSimpleName(), true, failure))
                    .onItem().transformToUni(response -> {
                        DeliveryFailure failure = DeliveryFailure.forStatus(response.statusCode());
                        return failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
                    });
        });
    }
}
