package nl.inzage.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Set;
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
    /** relationship-service's refusals of the request's content (RelationshipProblem): passed on with their status. */
    private static final Set<Integer> REFUSED_AS_GIVEN = Set.of(400, 409, 422);
    private static final int MAX_DETAIL = 300;

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
        JsonNode relationship;
        try {
            relationship = response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            // relationship-service's body, not the practitioner's: never the 400 of the gateway's JSON mappers.
            LOG.errorf("relationship-service answered an access request with an unreadable body: %s", e.getClass().getSimpleName());
            throw new ProblemException(502, "Bad gateway", "relationship-service gave an unexpected answer; the access request may not be registered.");
        }
        return new Registered(relationship, status == 201, Long.parseLong(revision));
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof WebApplicationException web && REFUSED_AS_GIVEN.contains(web.getResponse().getStatus())) {
            // The request itself was refused (its content, or a conflict with what is registered): the practitioner's
            // to fix, so hers to hear, with relationship-service's reason. Not logged: the detail may name the client.
            int status = web.getResponse().getStatus();
            LOG.warnf("relationship-service refused an access request: status %d", status);
            return new ProblemException(status, "Access request refused", "relationship-service refused the access request"
                    + detailOf(web.getResponse()));
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            // 401, 403, 404, 415, ...: the gateway's own call (its service token, path, format) is wrong; nothing the
            // practitioner can change.
            LOG.errorf("relationship-service refused an access request: status %d", web.getResponse().getStatus());
            return new ProblemException(502, "Bad gateway", "relationship-service refused the access request (status "
                    + web.getResponse().getStatus() + ").");
        }
        LOG.errorf("relationship-service unreachable for an access request: %s", failure.getMessage());
        return new ProblemException(503, "Relationship service unavailable", "The access request could not be registered. Try again shortly.");
    }

    /** ": " and relationship-service's problem detail, when its body has one; else ".". */
    private static String detailOf(Response refusal) {
        try {
            JsonNode problem = refusal.readEntity(JsonNode.class);
            String detail = problem == null ? null : problem.path("detail").textValue();
            if (detail == null || detail.isBlank()) {
                return ".";
            }
            return ": " + (detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail);
        } catch (RuntimeException e) {
            return ".";
        }
    }
}
