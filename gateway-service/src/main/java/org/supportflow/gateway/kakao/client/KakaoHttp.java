package org.supportflow.gateway.kakao.client;

import io.smallrye.mutiny.Uni;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.gateway.delivery.DeliveryFailure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One POST of JSON to Kakao (a callbackUrl or the Event API), non-blocking, no retry: a callbackUrl is usable
 * once and an Event API message is billed and shown per call, so a second attempt after a timeout could show
 * the user the same reply twice. A failure is a {@link DeliveryFailure} naming the status or the exception
 * class, never the URL (a callbackUrl is a bearer token).
 */
public final class KakaoHttp {

    private final HttpClient http;
    private final Duration requestTimeout;

    public KakaoHttp(Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public Uni<Void> postJson(URI target, Map<String, String> headers, Map<String, Object> body) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(body)));
            headers.forEach(request::header);
            return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()))
                    .onFailure().transform(failure -> new DeliveryFailure(
                            "unreachable: " + failure.getClass().getSimpleName(), false, failure))
                    .onItem().transformToUni(response -> {
                        DeliveryFailure failure = DeliveryFailure.forStatus(response.statusCode());
                        return failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
                    });
        });
    }
}
