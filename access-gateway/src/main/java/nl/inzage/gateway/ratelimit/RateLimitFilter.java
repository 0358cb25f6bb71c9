package nl.inzage.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import nl.inzage.contracts.Claims;
import nl.inzage.gateway.rest.Problem;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * 429 with Retry-After and a problem body when a practitioner, her organisation or a PEP client goes over its
 * limit on the viewer or decision API. Runs after authentication (the keys come from the token), before the
 * resource: a refused request decides nothing and writes no audit record.
 */
@ApplicationScoped
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger("nl.inzage.security.refusal");

    private final RateLimitConfig config;
    private final TokenBuckets viewerUsers;
    private final TokenBuckets viewerOrganisations;
    private final TokenBuckets decisionClients;
    private final TokenBuckets decisionOrganisations;

    public RateLimitFilter(RateLimitConfig config) {
        this.config = config;
        this.viewerUsers = buckets(config.viewerUser());
        this.viewerOrganisations = buckets(config.viewerOrganisation());
        this.decisionClients = buckets(config.decisionClient());
        this.decisionOrganisations = buckets(config.decisionOrganisation());
    }

    private static TokenBuckets buckets(RateLimitConfig.Limit limit) {
        return new TokenBuckets(limit.perSecond(), limit.burst(), System::nanoTime);
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        java.security.Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (!config.enabled() || principal == null) {
            return null;
        }
        String raw = request.getUriInfo().getPath();
        String path = raw.startsWith("/") ? raw : "/" + raw;
        String subject = principal.getName();
        if (path.startsWith("/viewer/")) {
            TokenBuckets.Outcome user = viewerUsers.take(subject);
            if (!user.allowed()) {
                return tooMany(user, "practitioner", "Too many viewer requests from this practitioner.");
            }
            String ura = claim(principal, Claims.URA);
            if (ura != null) {
                TokenBuckets.Outcome organisation = viewerOrganisations.take(ura);
                if (!organisation.allowed()) {
                    return tooMany(organisation, "organisation", "Too many viewer requests from this organisation.");
                }
            }
        } else if (path.startsWith("/access/v1/")) {
            TokenBuckets.Outcome client = decisionClients.take(subject);
            if (!client.allowed()) {
                return tooMany(client, "PEP client", "Too many decision requests from this client.");
            }
        }
        return null;
    }

    /**
     * The decision API's limit per organisation: the organisation is in the body, not the token, so the resource
     * asks once it has read the request, before anything is decided. Throws a 429 when the organisation is past it.
     */
    public void takeDecisions(String organisationUra, int decisions) {
        if (!config.enabled() || organisationUra == null) {
            return;
        }
        TokenBuckets.Outcome organisation = decisionOrganisations.take(organisationUra, decisions);
        if (!organisation.allowed()) {
            throw new jakarta.ws.rs.WebApplicationException(
                    tooMany(organisation, "organisation", "Too many decision requests for this organisation."));
        }
    }

    private static Response tooMany(TokenBuckets.Outcome outcome, String keyKind, String detail) {
        LOG.warnf("refused (rate limit per %s) retry after %d s", keyKind, outcome.retryAfterSeconds());
        return Response.status(429)
                .header("Retry-After", outcome.retryAfterSeconds())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Too many requests", 429,
                        detail + " Try again after " + outcome.retryAfterSeconds() + " s."))
                .build();
    }

    private static String claim(java.security.Principal principal, String name) {
        if (principal instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            return value == null ? null : value.toString();
        }
        return null;
    }
}
