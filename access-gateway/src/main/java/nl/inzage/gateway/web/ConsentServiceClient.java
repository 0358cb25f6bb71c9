package nl.inzage.gateway.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** consent-service's FHIR Consent API, called with the signed-in client's own access token. */
@RegisterRestClient(configKey = "consent-service")
@Path("/fhir/Consent")
public interface ConsentServiceClient {

    String FHIR_JSON = "application/fhir+json";

    @GET
    @Produces(FHIR_JSON)
    Uni<Response> search(@HeaderParam("Authorization") String authorization,
            @QueryParam("patient:identifier") String patientIdentifier, @QueryParam("_count") int count);

    @GET
    @Path("/{id}")
    @Produces(FHIR_JSON)
    Uni<Response> read(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    /** A new version; answers the stored Consent with headers {@code ETag} and {@code X-Consent-Revision}. */
    @PUT
    @Path("/{id}")
    @Consumes(FHIR_JSON)
    @Produces(FHIR_JSON)
    Uni<Response> update(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch, String consent);
}
