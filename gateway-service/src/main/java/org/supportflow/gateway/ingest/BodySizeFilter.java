package org.supportflow.gateway.ingest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorMappers;
import org.supportflow.gateway.common.GatewayConfig;

/**
 * Refuses an oversized ingestion body from its {@code Content-Length} before reading it, with the JSON 413 of
 * the contract (bodies without a length are checked after reading by {@link IngestService}). The HTTP
 * server's own hard cap ({@code quarkus.http.limits.max-body-size}) is set far above this limit.
 */
public class BodySizeFilter {

    private static final String CHANNELS_PREFIX = "/api/v1/channels/";

    private final int maxBodyBytes;
    private final ChannelRegistry channels;
    private final IngestMetrics metrics;

    public BodySizeFilter(GatewayConfig config, ChannelRegistry channels, IngestMetrics metrics) {
        this.maxBodyBytes = config.ingest().maxBodyBytes();
        this.channels = channels;
        this.metrics = metrics;
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= maxBodyBytes) {
            return null;
        }
        ApiException tooLarge = ApiException.payloadTooLarge(maxBodyBytes);
        metrics.rejected(knownChannel(request.getUriInfo().getPath()), tooLarge.code());
        return ErrorMappers.json(tooLarge.status(), tooLarge.code(), tooLarge.getMessage()).build();
    }

    /** The configured channel a path addresses, or null (metrics never carry arbitrary caller input). */
    private String knownChannel(String path) {
        if (path == null || !path.startsWith(CHANNELS_PREFIX)) {
            return null;
        }
        String rest = path.substring(CHANNELS_PREFIX.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        return channels.find(id).map(channel -> channel.id()).orElse(null);
    }
}
