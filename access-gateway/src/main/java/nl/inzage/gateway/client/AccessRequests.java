package nl.inzage.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import nl.inzage.gateway.client.RelationshipServiceClient.AccessRequestBody;
import nl.inzage.gateway.rest.Practitioner;
import nl.inzage.gateway.rest.ProblemException;
import nl.inzage.gateway.rest.RevisionHeaders;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Forwards a practitioner's access request to relationship-service under the gateway's service account. */
@ApplicationScoped
public class AccessRequests {

    private static final Logger LOG = Logger.getLogger(AccessRequests.class);

    /** What relationship-service answered: the relationship, whether it is new, and the revision of the change. */
    public record Registered(JsonNode relationship, boolean created, long revision) {
    }

    private final RelationshipServiceClient relationshipService;
    private final OidcClient oidcClient;
    private final TokensHelper tokens = new TokensHelper();
    private final Duration timeout;

    public AccessRequests(@RestClient RelationshipServiceClient relationshipService, OidcClient oidcClient,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "inzage.relationship-service.timeout", defaultValue = "PT5S")
            Duration timeout) {
        this.relationshipService = relationshipService;
        this.oidcClient = oidcClient;
        this.timeout = timeout;
    }

    public Uni<Registered> register(String bsn, Practitioner practitioner, String reason) {
        AccessRequestBody body = new AccessRequestBody(bsn, practitioner.organization(), practitioner.organizationType(),
                practitioner.uzi(), reason);
        return tokens.getTokens(oidcClient)
                .chain(serviceTokens -> relationshipService.requestAccess("Bearer " + serviceTokens.getAccessToken(), body))
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(AccessRequests::unavailable)
                .map(AccessRequests::registered);
    }

    private static Registered registered(Response response) {
        int status = response.getStatus();
        String revision = response.getHeaderString(RevisionHeaders.RELATIONSHIP);
        if ((status != 200 && status != 201) || revision == null || !revision.matches("[0-9]{1,18}")) {
            LOG.errorf("relationship-service answered an access request with status %d and revision header %s", status, revision);
            throw new ProblemException(502, "Bad gateway", "relationship-service gave an unexpected answer; the access request may not be registered.");
        }
        return new Registered(response.readEntity(JsonNode.class), status == 201, Long.parseLong(revision));
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            LOG.errorf("relationship-service refused an access request: status %d", web.getResponse().getStatus());
            return new ProblemException(502, "Bad gateway", "relationship-service refused the access request (status "
                    + web.getResponse().getStatus() + ").");
        }
        LOG.errorf("relationship-service unreachable for an access request: %s", failure.getMessage());
        return new ProblemException(503, "Relationship service unavailable", "The access request could not be registered. Try again shortly.");
    }
}
