package nl.inzage.gateway.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** audit-service's {@code GET /audit/me}: who looked at the signed-in client's data, with her own access token. */
@RegisterRestClient(configKey = "audit-service")
@Path("/audit/me")
public interface AuditServiceClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> mine(@HeaderParam("Authorization") String authorization, @QueryParam("size") int size);
}
