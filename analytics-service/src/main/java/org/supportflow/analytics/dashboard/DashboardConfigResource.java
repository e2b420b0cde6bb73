package org.supportflow.analytics.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supportflow.analytics.common.AnalyticsConfig;

/**
 * What the operator dashboard (static assets under {@code /dashboard/}) needs before anyone signs in: where the
 * browser finds Keycloak's realm and which public client it signs in with. Nothing secret: a public client has none.
 */
@Path("/dashboard/config.json")
@PermitAll
public class DashboardConfigResource {

    /** The dashboard's sign-in settings as the page reads them. */
    public record DashboardConfig(String oidcUrl, String clientId) {
    }

    private final AnalyticsConfig.Dashboard dashboard;

    public DashboardConfigResource(AnalyticsConfig config) {
        this.dashboard = config.dashboard();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        String url = dashboard.oidcUrl();
        return Response.ok(new DashboardConfig(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                        dashboard.clientId()))
                .cacheControl(noStore)
                .build();
    }
}
