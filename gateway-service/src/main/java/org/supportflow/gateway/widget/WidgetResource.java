package org.supportflow.gateway.widget;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.web.ApiException;

/**
 * The web chat widget (CONTRACT.md §1b, docs/WIDGET.md): the script a site embeds, its modules, the demo page,
 * and the JSON API a widget page calls. Replies are streamed by {@link WidgetStreamRoute}; CORS headers are
 * added by {@link WidgetCors}.
 */
@Path("/widget/v1")
public class WidgetResource {

    static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final WidgetService service;

    public WidgetResource(WidgetService service) {
        this.service = service;
    }

    @GET
    @Path("/{channelId}/widget.js")
    @Produces(JAVASCRIPT)
    public Response loader(@PathParam("channelId") String channelId) {
        service.channel(channelId);
        return Response.ok(WidgetFiles.loader()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }

    @GET
    @Path("/assets/{name}")
    @Produces(JAVASCRIPT)
    public Response module(@PathParam("name") String name) {
        byte[] module = WidgetFiles.module(name)
                .orElseThrow(() -> ApiException.notFound("unknown_asset", "no widget asset with this name"));
        return Response.ok(module).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }

    /** A page that embeds this channel's widget, where the channel enables it (the local platform's demo-web). */
    @GET
    @Path("/{channelId}/demo")
    @Produces(MediaType.TEXT_HTML + "; charset=utf-8")
    public byte[] demo(@PathParam("channelId") String channelId) {
        if (!service.channel(channelId).demoPage()) {
            throw ApiException.notFound("no_demo_page", "this channel has no demo page");
        }
        return WidgetFiles.demoPage();
    }

    /** CORS preflight of the API's POSTs and authorised GETs (the headers come from {@link WidgetCors}). */
    @OPTIONS
    @Path("/{channelId}/{endpoint: session|messages|history|stream}")
    public Response preflight(@PathParam("channelId") String channelId) {
        service.channel(channelId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{channelId}/session")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public WidgetService.Session session(@PathParam("channelId") String channelId,
                                        @HeaderParam("Origin") String origin, @Context HttpServerRequest request,
                                        byte[] body) {
        WidgetChannel channel = service.admit(channelId, origin, remoteAddress(request));
        return service.session(channel, WidgetRequests.session(body));
    }

    @POST
    @Path("/{channelId}/messages")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("channelId") String channelId, @HeaderParam("Origin") String origin,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @Context HttpServerRequest request, byte[] body) {
        WidgetChannel channel = service.admit(channelId, origin, remoteAddress(request));
        VisitorToken visitor = service.visitor(channel, bearer(authorization));
        WidgetService.Sent sent = service.send(channel, visitor, WidgetRequests.message(body));
        return Response.accepted(sent).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{channelId}/history")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public WidgetService.History history(@PathParam("channelId") String channelId,
                                         @HeaderParam("Origin") String origin,
                                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @Context HttpServerRequest request) {
        WidgetChannel channel = service.admit(channelId, origin, remoteAddress(request));
        return service.history(channel, service.visitor(channel, bearer(authorization)));
    }

    static String remoteAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
