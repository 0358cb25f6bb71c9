package nl.inzage.gateway.mitz;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** consent-service's closed question, called with the gateway's own service-account token. */
@RegisterRestClient(configKey = "consent-service")
@Path("/mitz")
public interface ConsentServiceClient {

    record ClosedQuestionBody(String patientBsn, String dataHolderUra, String dataHolderType, String requesterUzi,
            String requesterRole, String requesterUra, String requesterType) {
    }

    /** 200 {@code {answer, consentId?, version?, revision?}}; 503 when Mitz cannot answer. */
    @POST
    @Path("/closed-question")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> closedQuestion(@HeaderParam("Authorization") String authorization, ClosedQuestionBody body);
}
