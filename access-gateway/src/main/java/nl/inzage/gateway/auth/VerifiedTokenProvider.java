package nl.inzage.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Answers a decision-API bearer token from {@link VerifiedTokens} when the OIDC layer has verified that very token
 * before; asked before the OIDC provider (higher priority), it answers nothing for any other request or token, and
 * the OIDC provider verifies as always. {@link VerifiedTokenRecorder} fills the cache.
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The paths whose bearer tokens are kept: the AuthZEN decision API, which PEPs call with one token per service. */
    static final String DECISION_API = "/access/";

    private final VerifiedTokens tokens;

    public VerifiedTokenProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the OIDC provider (the interface's default, 1001). */
    @Override
    public int priority() {
        return 1002;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (request.getToken().getClass() != AccessTokenCredential.class || !decisionApi(routing)) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity verified = tokens.find(request.getToken().getToken(), Instant.now());
        return verified == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(forThisRequest(verified, routing));
    }

    static boolean decisionApi(RoutingContext routing) {
        return routing != null && routing.normalizedPath().startsWith(DECISION_API);
    }

    /** The identity names the request it was made for: this one, not the one whose token was verified first. */
    private static SecurityIdentity forThisRequest(SecurityIdentity verified, RoutingContext routing) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(verified);
        for (Map.Entry<String, Object> attribute : verified.getAttributes().entrySet()) {
            if (attribute.getValue() instanceof RoutingContext) {
                builder.addAttribute(attribute.getKey(), routing);
            }
        }
        return builder.build();
    }
}
