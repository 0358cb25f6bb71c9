package nl.inzage.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** relationship-service, called with the gateway's own service-account token. */
@RegisterRestClient(configKey = "relationship-service")
@Path("/relationships")
public interface RelationshipServiceClient {

    /** The body relationship-service expects; identity fields come from the practitioner's token. */
    record AccessRequestBody(String patient, String organization, String organizationType, String practitioner, String reason) {
    }

    /** 201 with a new relationship, 200 with the existing active one; header {@code X-Relationship-Revision}. */
    @POST
    @Path("/access-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> requestAccess(@HeaderParam("Authorization") String authorization, AccessRequestBody body);
}
