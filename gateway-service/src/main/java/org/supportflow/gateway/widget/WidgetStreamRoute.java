package org.supportflow.gateway.widget;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.gateway.replies.ReplyCursor;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorBody;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /widget/v1/{channelId}/stream?token=<visitor token>&after=<cursor>}: the visitor's replies as
 * server-sent events ({@code event: reply}, {@code id:} the reply's cursor, {@code data:} a {@link WidgetEntry}).
 * EventSource cannot send headers, hence the token in the query; on a reconnect it sends {@code Last-Event-ID},
 * which wins over {@code after}, so the stream resumes after the last reply the page got, on any replica.
 *
 * <p>A Vert.x route rather than a JAX-RS resource: the stream is a long-lived response whose headers (CORS) and
 * lifetime this class controls directly.
 */
@ApplicationScoped
public class WidgetStreamRoute {

    static final String PATH = "/widget/v1/:channelId/stream";
    /** How soon EventSource reconnects after a drop (its default is a few seconds). */
    static final int RECONNECT_MS = 1000;

    private final WidgetService service;
    private final WidgetStreams streams;

    public WidgetStreamRoute(WidgetService service, WidgetStreams streams) {
        this.service = service;
        this.streams = streams;
    }

    void register(@Observes Router router) {
        router.get(PATH).order(-1).handler(this::stream);
    }

    void stream(RoutingContext context) {
        HttpServerResponse response = context.response();
        String origin = context.request().getHeader("Origin");
        String channelId = context.pathParam("channelId");
        response.putHeader("Vary", "Origin");
        if (service.corsAllowed(channelId, origin)) {
            WidgetCors.allow(response::putHeader, origin, false);
        }
        WidgetChannel channel;
        VisitorToken visitor;
        long cursor;
        try {
            channel = service.admit(channelId, origin, WidgetResource.remoteAddress(context.request()));
            visitor = service.visitor(channel, context.request().getParam("token"));
            String lastEventId = context.request().getHeader("Last-Event-ID");
            cursor = ReplyCursor.parse(lastEventId != null && !lastEventId.isEmpty() ? lastEventId
                    : context.request().getParam("after"));
        } catch (ApiException e) {
            refuse(response, e);
            return;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                // nginx and similar proxies would otherwise hold events back in their buffers
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: " + RECONNECT_MS + "\n\n");
        streams.open(channel.id(), visitor.customerId(), cursor, new ReplyFeed.Sink() {
            @Override
            public boolean send(WidgetEntry reply) {
                return write(response, "id: " + reply.cursor() + "\nevent: reply\ndata: " + EventJson.toJson(reply)
                        + "\n\n");
            }

            @Override
            public boolean keepAlive() {
                return write(response, ": keep-alive\n\n");
            }
        });
    }

    /** Writes unless the connection is gone; JSON has no raw line breaks, so one data line per event. */
    private static boolean write(HttpServerResponse response, String event) {
        if (response.closed() || response.ended()) {
            return false;
        }
        response.write(Buffer.buffer(event.getBytes(StandardCharsets.UTF_8)));
        return true;
    }

    private static void refuse(HttpServerResponse response, ApiException e) {
        response.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
        if (e.retryAfter() != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(e.retryAfter().toMillis() / 1000.0))));
        }
        response.end(EventJson.toJson(new ErrorBody(e.code(), e.getMessage())));
    }
}
