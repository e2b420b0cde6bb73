package org.supportflow.ticket.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.ticket.common.TicketConfig;

/**
 * What the agent console (static assets under {@code /agent/}) needs before anyone signs in: where the browser
 * finds Keycloak's realm and which public client it signs in with. Nothing secret: a public client has none.
 */
@Path("/agent/config.json")
@PermitAll
public class ConsoleConfigResource {

    /** The console's sign-in settings as the page reads them. */
    public record ConsoleConfig(String oidcUrl, String clientId) {
    }

    private final TicketConfig.Console console;

    public ConsoleConfigResource(TicketConfig config) {
        this.console = config.console();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ConsoleConfig(withoutTrailingSlash(console.oidcUrl()), console.clientId()))
                .cacheControl(noStore)
                .build();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
